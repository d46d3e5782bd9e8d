package io.millrace.cli;

import io.millrace.cli.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who can reach a standalone server: this machine only unless told otherwise, and a warning when it
 * listens on the network without credentials. Real servers, real sockets.
 */
class StandaloneNetworkSecurityTest {

    @TempDir
    Path data;

    private StandaloneServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFreshStandaloneListensOnThisMachineOnlyAndRefusesOtherHostNames() throws IOException {
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, null, List.of()));

        assertThat(server.address()).isEqualTo("127.0.0.1");
        assertThat(server.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(server.exposureWarning()).isEmpty();
        assertThat(request(InetAddress.getLoopbackAddress(), "localhost")).startsWith("HTTP/1.1 200");
        InetAddress network = networkAddress();
        assertThatThrownBy(() -> request(network, "localhost")).as("from %s", network)
            .isInstanceOf(ConnectException.class);
        // a web page whose name now points at 127.0.0.1 (DNS rebinding)
        assertThat(request(InetAddress.getLoopbackAddress(), "evil.example")).startsWith("HTTP/1.1 421");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ServerStandaloneCommand.printStarted(server, data, 0, new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).contains("API on http://localhost:" + server.port());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void onEveryInterfaceWithoutCredentialsItSaysThatAnyoneCanRunCommands() throws IOException {
        server = StandaloneServer.start(new StandaloneServer.Options(data, "0.0.0.0", 0, 0, null, List.of()));

        InetAddress network = networkAddress();
        assertThat(request(network, network.getHostAddress())).as("from %s", network).startsWith("HTTP/1.1 200");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ServerStandaloneCommand.printStarted(server, data, 0, new PrintWriter(out), new PrintWriter(err));
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("millrace: WARNING: the API listens on 0.0.0.0 port " + server.port())
            .contains("anyone who reaches this port can run commands on this machine", "--host 127.0.0.1",
                "millrace.security.enabled=true");
    }

    @Test
    void theHelpNamesTheHostOptionAndAWrongAddressIsSaidInOneLine() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Millrace.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertThat(cmd.execute("server", "standalone", "--help")).isZero();
        assertThat(out.toString()).contains("--host=ADDRESS", "listens on (default 127.0.0.1");

        assertThatThrownBy(() -> StandaloneServer.start(
            new StandaloneServer.Options(data, "203.0.113.254", 0, 0, null, List.of())))
            .hasMessage("--host 203.0.113.254 is not an address of this machine: give one of its addresses, 0.0.0.0 for "
                + "all of them, or leave it out to listen on this machine only");
    }

    /** This machine's first address other than loopback: what another machine would connect to. */
    private static InetAddress networkAddress() throws SocketException {
        Optional<InetAddress> found = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .filter(i -> {
                try {
                    return i.isUp() && !i.isLoopback();
                } catch (SocketException e) {
                    return false;
                }
            })
            .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst();
        assertThat(found).as("an IPv4 address other than loopback on this machine").isPresent();
        return found.get();
    }

    /** A search of the flows through a socket to {@code address}, with {@code host} as the Host; the whole answer. */
    private String request(InetAddress address, String host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, server.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/flows/search HTTP/1.1\r\nHost: " + host + ":" + server.port()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
