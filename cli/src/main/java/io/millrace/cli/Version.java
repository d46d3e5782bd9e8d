package io.millrace.cli;

import picocli.CommandLine;

/** Prints the version recorded in the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Millrace.class.getPackage().getImplementationVersion();
        return new String[] {"millrace " + (v == null ? "development build" : v)};
    }
}
