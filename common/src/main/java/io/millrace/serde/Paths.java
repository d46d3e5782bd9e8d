package io.millrace.serde;

/**
 * Builds the paths that name a place in a flow, as shown to users: {@code tasks[2].retry.interval},
 * {@code labels['system.readOnly']}. The YAML reader, the checks and the problem positions all use
 * these two functions, so a path built anywhere finds the position the reader recorded.
 */
final class Paths {

    /** The document itself. */
    static final String ROOT = "";

    private Paths() {
    }

    /** The path of property {@code key} of the mapping at {@code parent}. */
    static String property(String parent, String key) {
        if (isPlain(key)) {
            return parent.isEmpty() ? key : parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static boolean isPlain(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '$';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** The path of element {@code index} of the list at {@code parent}. */
    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of the mapping or list holding {@code path}, or null for the root. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int end = path.length();
        if (path.charAt(end - 1) == ']') {
            // an index, or a quoted key: inside quotes every ' is escaped, so "['" only opens a key
            int open = path.endsWith("']") ? path.lastIndexOf("['") : path.lastIndexOf('[');
            return open <= 0 ? ROOT : path.substring(0, open);
        }
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf(']');
        if (dot > bracket) {
            return path.substring(0, dot);
        }
        return bracket < 0 ? ROOT : path.substring(0, bracket + 1);
    }
}
