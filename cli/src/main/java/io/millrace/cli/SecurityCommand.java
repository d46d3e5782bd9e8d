package io.millrace.cli;

import io.millrace.api.security.ApiTokens;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code millrace security …}: the hashes {@code millrace.security.*} wants. */
@Command(name = "security", mixinStandardHelpOptions = true,
    description = "Make the password hashes and API tokens of millrace.security.* (only hashes go in configuration).",
    subcommands = {SecurityCommand.HashPassword.class, SecurityCommand.NewToken.class})
final class SecurityCommand {

    @Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Read a password (prompted, or one line on standard input) and print its bcrypt hash for"
            + " millrace.security.users[N].password.")
    static final class HashPassword implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String password;
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("password: ");
                char[] again = console.readPassword("again: ");
                if (typed == null || again == null || !new String(typed).equals(new String(again))) {
                    spec.commandLine().getErr().println("the two passwords differ");
                    return 1;
                }
                password = new String(typed);
            } else {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (password == null || password.isEmpty()) {
                spec.commandLine().getErr().println("no password given");
                return 1;
            }
            spec.commandLine().getOut().println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
            return 0;
        }
    }

    @Command(name = "new-token", mixinStandardHelpOptions = true,
        description = "Make a random API token; print it (give it to the client, it is shown once) and its hash"
            + " (for millrace.security.tokens[N].hash).")
    static final class NewToken implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String[] token = ApiTokens.newToken();
            spec.commandLine().getOut().println("token: " + token[0]);
            spec.commandLine().getOut().println("hash:  " + token[1]);
            return 0;
        }
    }
}
