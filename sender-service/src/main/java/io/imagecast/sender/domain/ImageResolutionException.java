package io.imagecast.sender.domain;

/** An image that cannot be sent; the message names the offending path and says why. */
public class ImageResolutionException extends Exception {
    public ImageResolutionException(String message) {
        super(message);
    }
}
