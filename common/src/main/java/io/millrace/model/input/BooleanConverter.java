package io.millrace.model.input;

/** BOOLEAN and BOOL: true or false, as a boolean or as text in any case; nothing else (no "yes", no 1). */
final class BooleanConverter implements ValueConverter {

    @Override
    public Object convert(Input input, Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String text = s.strip();
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw new InvalidValue(Quoted.kindOf(raw) + " is not a boolean (expected true or false)");
    }
}
