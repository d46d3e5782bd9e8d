package io.millrace.model.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FILE: a URI of a file Millrace can read ({@code file:}, {@code millrace:} internal storage,
 * {@code nsfile:} namespace files). An absolute local path becomes a {@code file:} URI.
 */
final class FileConverter implements ValueConverter {

    private static final Set<String> SCHEMES = Set.of("file", "millrace", "nsfile");
    private static final String EXPECTED = "expected an absolute path or a file:, millrace: or nsfile: URI";

    @Override
    public Object convert(Input input, Object raw) {
        String text = raw instanceof URI u ? u.toString() : ValueConverter.scalarText(raw, "a file").strip();
        URI uri = text.startsWith("/") ? fromPath(text) : parse(text);
        if (uri.getScheme() == null) {
            // A relative path depends on the working directory of whichever worker runs the task.
            throw new InvalidValue(Quoted.of(text) + " is a relative path (" + EXPECTED + ")");
        }
        if (!SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new InvalidValue(Quoted.of(text) + " has the unsupported scheme '" + uri.getScheme() + ":' (" + EXPECTED + ")");
        }
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new InvalidValue(Quoted.of(text) + " does not name an absolute path (" + EXPECTED + ")");
        }
        checkExtension(input, uri, text);
        return uri.toString();
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        List<String> problems = new ArrayList<>();
        if (input.allowedFileExtensions() != null) {
            for (String extension : input.allowedFileExtensions()) {
                if (extension == null || extension.isBlank() || extension.strip().equals(".")) {
                    problems.add("allowedFileExtensions contains an empty extension");
                }
            }
        }
        return problems;
    }

    private static URI fromPath(String path) {
        try {
            // The multi-argument constructor percent-encodes spaces and other characters a path may hold.
            return new URI("file", "", path, null);
        } catch (URISyntaxException e) {
            throw new InvalidValue(Quoted.of(path) + " is not a valid path: " + e.getReason());
        }
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidValue(Quoted.of(text) + " is not a valid file URI: " + e.getReason() + " (" + EXPECTED + ")");
        }
    }

    private static void checkExtension(Input input, URI uri, String text) {
        List<String> extensions = input.allowedFileExtensions();
        if (extensions == null || extensions.isEmpty()) {
            return;
        }
        String path = uri.getPath().toLowerCase(Locale.ROOT);
        List<String> dotted = extensions.stream()
            .filter(e -> e != null && !e.isBlank())
            .map(e -> e.strip().startsWith(".") ? e.strip() : "." + e.strip())
            .toList();
        if (dotted.stream().noneMatch(e -> path.endsWith(e.toLowerCase(Locale.ROOT)))) {
            throw new InvalidValue(Quoted.of(text) + " does not have an allowed extension " + dotted);
        }
    }
}
