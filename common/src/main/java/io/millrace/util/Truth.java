package io.millrace.util;

/** Kestra's truthiness of a rendered condition: false, 0, -0, empty (and null) are false; anything else is true. */
public final class Truth {

    private Truth() {
    }

    public static boolean isTruthy(String rendered) {
        if (rendered == null) {
            return false;
        }
        String v = rendered.trim();
        return !(v.isEmpty() || v.equalsIgnoreCase("false") || v.equals("0") || v.equals("-0")
            || v.equals("0.0") || v.equals("-0.0"));
    }
}
