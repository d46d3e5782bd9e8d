package io.millrace.serde;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A YAML file read as a tree, with where each key and value was written, and the problems found
 * while reading. {@code root} is null when the text is not a YAML mapping at all (a syntax error,
 * an empty file, a list); otherwise the problems found (duplicate keys, a dangling alias, a second
 * document) leave a tree the other checks can still look at.
 */
record YamlDocument(ObjectNode root, Locations locations, List<FlowProblem> problems) {
}
