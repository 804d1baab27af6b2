package io.imagecast.sender.domain;

import java.nio.file.Path;

/** One file of an image, resolved to its real location under the storage root. */
public record ImageFile(String name, Path path, long size) {}
