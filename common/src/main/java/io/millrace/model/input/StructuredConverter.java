package io.millrace.model.input;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** JSON and YAML: text is parsed to plain maps, lists and scalars; an already structured value is kept. */
final class StructuredConverter implements ValueConverter {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Override
    public Object convert(Input input, Object raw) {
        if (!(raw instanceof String text)) {
            return raw;
        }
        boolean json = input.effectiveType() == InputType.JSON;
        try {
            return json ? Json.parse(text) : YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new InvalidValue(Quoted.of(text) + " is not valid " + (json ? "JSON" : "YAML") + where(e));
        }
    }

    private static String where(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
