package io.imagecast.registry.service;

import io.imagecast.registry.domain.StorageGroup;

/** A group with the name of its master node (null when it has none). */
public record GroupView(StorageGroup group, String master) {}
