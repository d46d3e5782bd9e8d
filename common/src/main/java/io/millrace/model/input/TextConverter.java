package io.millrace.model.input;

import io.millrace.secrets.SecretCipher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** STRING, SECRET, EMAIL and URI: values kept as text, checked against a validator or a format. */
final class TextConverter implements ValueConverter {

    // Pragmatic, not RFC 5322: one '@', no spaces, a dotted domain of letters, digits and hyphens.
    private static final Pattern EMAIL = Pattern.compile(
        "[^@\\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    @Override
    public Object convert(Input input, Object raw) {
        return switch (input.effectiveType()) {
            case SECRET -> secret(input, raw);
            case EMAIL -> email(raw);
            case URI -> uri(raw);
            default -> string(input, raw);
        };
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        if (input.validator() == null) {
            return List.of();
        }
        try {
            Pattern.compile(input.validator());
            return List.of();
        } catch (PatternSyntaxException e) {
            return List.of(invalidValidator(input.validator(), e));
        }
    }

    private static String string(Input input, Object raw) {
        String text = ValueConverter.scalarText(raw, "a string");
        if (input.validator() != null && !validator(input).matcher(text).matches()) {
            throw new InvalidValue(Quoted.of(text) + " does not match the validator '" + input.validator() + "'");
        }
        return text;
    }

    private static String secret(Input input, Object raw) {
        // A secret is never echoed back, not even in an error message.
        if (!(raw instanceof String text)) {
            throw new InvalidValue("the secret value is not a string");
        }
        if (SecretCipher.isSealed(text)) {
            // sealed by the api after it checked the clear value, or handed on whole by a parent flow
            return text;
        }
        if (input.validator() != null && !validator(input).matcher(text).matches()) {
            throw new InvalidValue("the secret value does not match the validator '" + input.validator() + "'");
        }
        return text;
    }

    private static String email(Object raw) {
        String text = ValueConverter.scalarText(raw, "an email address").strip();
        if (!EMAIL.matcher(text).matches()) {
            throw new InvalidValue(Quoted.of(text) + " is not an email address");
        }
        return text;
    }

    private static String uri(Object raw) {
        String text = raw instanceof URI u ? u.toString() : ValueConverter.scalarText(raw, "a URI").strip();
        try {
            if (!new URI(text).isAbsolute()) {
                throw new InvalidValue(Quoted.of(text) + " is not an absolute URI (expected a scheme, e.g. https://...)");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValue(Quoted.of(text) + " is not a valid URI: " + e.getReason());
        }
        return text;
    }

    private static Pattern validator(Input input) {
        try {
            return Pattern.compile(input.validator());
        } catch (PatternSyntaxException e) {
            // Flow validation reports this at parse time; a flow saved before that check still gets a clear message.
            throw new InvalidValue(invalidValidator(input.validator(), e));
        }
    }

    private static String invalidValidator(String validator, PatternSyntaxException e) {
        return "the validator '" + validator + "' is not a valid regular expression (" + e.getDescription() + ")";
    }
}
