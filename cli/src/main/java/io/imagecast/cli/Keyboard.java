package io.imagecast.cli;

import java.io.IOException;

/** udpcast's "press a key to start": any input on stdin, or its end, runs the action once. */
final class Keyboard {
    private Keyboard() {}

    static void onKeyOrEnd(Runnable action) {
        Thread t = new Thread(
                () -> {
                    try {
                        System.in.read();
                    } catch (IOException ignored) {
                        // an unreadable stdin counts as its end
                    }
                    action.run();
                },
                "imagecast-keyboard");
        t.setDaemon(true);
        t.start();
    }
}
