package io.imagecast.events.command;

/** A client the scheduler expects in a session; any field may be null except that one must be set. */
public record ExpectedHost(String name, String mac, String ip) {}
