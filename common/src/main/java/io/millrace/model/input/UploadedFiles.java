package io.millrace.model.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confines the FILE inputs of an execution created from outside (the api) to the files uploaded
 * with it: a value given as text could otherwise name another execution's upload, another
 * namespace's files or a file of the server, and a task of this execution would read it.
 */
public final class UploadedFiles {

    private static final String INTERNAL = "millrace";
    private static final String NAMESPACE_FILES = "nsfile";

    private UploadedFiles() {
    }

    /**
     * What is wrong with the FILE values among {@code typed} (as {@link InputValues#resolve} returns them):
     * an internal storage URI ({@code millrace:///…}) must lie under {@code uploadFolder}, the folder the
     * execution's own uploads go to; a namespace file ({@code nsfile:///…}) must be of {@code namespace};
     * a {@code file:} URI or path is refused; no path may climb with {@code ..}. Each problem names its input.
     *
     * @param uploadFolder a {@code millrace:///…/} URI ending with {@code /}
     */
    public static List<InputProblem> problems(List<Input> declared, Map<String, Object> typed, URI uploadFolder,
                                              String namespace) {
        List<InputProblem> problems = new ArrayList<>();
        if (declared == null) {
            return problems;
        }
        for (Input input : declared) {
            if (input.id() == null || input.effectiveType() != InputType.FILE || !(typed.get(input.id()) instanceof String value)) {
                continue;
            }
            String why = refusal(value, uploadFolder, namespace);
            if (why != null) {
                problems.add(new InputProblem(input.id(), "input '" + input.id() + "': " + Quoted.of(value) + " " + why));
            }
        }
        return problems;
    }

    /** Why {@code value} may not be used, or null when it may. */
    private static String refusal(String value, URI uploadFolder, String namespace) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a valid file URI";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath();
        if (path == null) {
            return "does not name a path";
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return "climbs out of its folder with '..'";
            }
        }
        return switch (scheme) {
            case INTERNAL -> uri.getAuthority() == null && path.startsWith(uploadFolder.getPath())
                ? null
                : "is not a file uploaded with this execution: give the file itself, not the URI of a stored one";
            case NAMESPACE_FILES -> uri.getAuthority() == null || uri.getAuthority().equals(namespace)
                ? null
                : "names a file of namespace " + uri.getAuthority() + ", not of " + namespace;
            case "file" -> "names a file of the server: give the file itself";
            default -> "has the unsupported scheme '" + uri.getScheme() + ":'";
        };
    }
}
