package io.millrace.cli.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, before a server starts, that the port it is told to listen on is free: a clash then ends in one
 * clear line rather than in a half-started process and the stack traces of the server that failed.
 */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Throws when something listens on {@code port} of {@code address} (null: every address) already.
     *
     * @param what names the port in the message ("the API's port 8080 (--port)")
     */
    public static void require(InetAddress address, int port, String what) {
        if (port == 0) {
            return; // a free one is chosen
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IllegalStateException(what + " is already in use: stop what listens there or choose another port");
        }
    }
}
