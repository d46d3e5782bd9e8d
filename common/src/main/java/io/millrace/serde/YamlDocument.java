package io.millrace.serde;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * A YAML file read as a tree, with where each key and value was written, and the syntax problems
 * found while reading (then {@code root} is null).
 */
record YamlDocument(JsonNode root, Locations locations, List<FlowProblem> problems) {
}
