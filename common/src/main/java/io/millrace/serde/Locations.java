package io.millrace.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where each key and each value of a YAML document was written, by {@link Paths path}. Filled by
 * the YAML reader, extended when a value is copied (a YAML alias, a plugin default), and read to
 * give every problem a line and a column.
 */
final class Locations {

    /** A 1-based line and column. */
    record Mark(int line, int column) {
        static final Mark START = new Mark(1, 1);
    }

    private final NavigableMap<String, Mark> keys = new TreeMap<>();
    private final NavigableMap<String, Mark> values = new TreeMap<>();

    void key(String path, Mark mark) {
        keys.put(path, mark);
    }

    void value(String path, Mark mark) {
        values.put(path, mark);
    }

    /** Where the key of {@code path} was written, else where its value or its nearest parent was. */
    Mark ofKey(String path) {
        Mark m = keys.get(path);
        return m != null ? m : ofValue(path);
    }

    /** Where the value at {@code path} was written, else where its nearest parent was. */
    Mark ofValue(String path) {
        for (String p = path; p != null; p = Paths.parent(p)) {
            Mark m = values.get(p);
            if (m == null) {
                m = keys.get(p);
            }
            if (m != null) {
                return m;
            }
        }
        return Mark.START;
    }

    /**
     * Records that the subtree at {@code to} was copied from {@code from}, so problems in the copy
     * point to the text it came from. The key of {@code to} keeps its own position when it has one.
     */
    void copy(String from, String to) {
        copyEntries(values, from, to);
        Mark ownKey = keys.get(to);
        copyEntries(keys, from, to);
        if (ownKey != null) {
            keys.put(to, ownKey);
        }
    }

    private static void copyEntries(NavigableMap<String, Mark> map, String from, String to) {
        List<Map.Entry<String, Mark>> copied = new ArrayList<>();
        for (Map.Entry<String, Mark> e : map.tailMap(from, true).entrySet()) {
            String p = e.getKey();
            if (!p.startsWith(from)) {
                break;
            }
            if (p.length() == from.length() || p.charAt(from.length()) == '.' || p.charAt(from.length()) == '[') {
                copied.add(e);
            }
        }
        for (Map.Entry<String, Mark> e : copied) {
            map.put(to + e.getKey().substring(from.length()), e.getValue());
        }
    }
}
