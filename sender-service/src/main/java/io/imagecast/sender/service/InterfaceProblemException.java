package io.imagecast.sender.service;

/** The interface a session should use cannot carry it; the message says what is wrong and what exists. */
public class InterfaceProblemException extends Exception {
    public InterfaceProblemException(String message) {
        super(message);
    }
}
