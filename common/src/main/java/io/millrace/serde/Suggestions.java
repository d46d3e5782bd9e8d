package io.millrace.serde;

import io.millrace.util.EditDistance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean…" for a misspelt name (a property, a task type): the known names within a small edit distance. */
public final class Suggestions {

    private static final int MAX = 2;

    private Suggestions() {
    }

    /** {@code "; did you mean 'x'?"}, {@code "; did you mean 'x' or 'y'?"}, or empty. */
    public static String didYouMean(String wrong, Collection<String> known) {
        List<String> near = nearest(wrong, known);
        if (near.isEmpty()) {
            return "";
        }
        return "; did you mean '" + String.join("' or '", near) + "'?";
    }

    /** Up to two known names close to {@code wrong}, closest first. */
    static List<String> nearest(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        int limit = w.length() <= 4 ? 1 : w.length() <= 8 ? 2 : 3;
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String k : known) {
            int d = EditDistance.between(w, k.toLowerCase(Locale.ROOT));
            if (d <= limit) {
                scored.add(new Scored(k, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return scored.stream().limit(MAX).map(Scored::name).toList();
    }
}
