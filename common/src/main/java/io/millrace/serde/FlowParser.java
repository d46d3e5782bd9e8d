package io.millrace.serde;

import io.millrace.model.Flow;
import io.millrace.template.TemplateEngine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Reads a flow written in Kestra's YAML syntax: YAML in, a typed {@link Flow} out, or every
 * problem with its line and column. Steps: read the YAML keeping positions; check templates as
 * written; apply plugin defaults and check the structure against the model and the catalogue;
 * run the checks across the flow (ids, cron, Dag, Switch, inputs); bind with {@link Json#mapper()}.
 * Thread-safe; create one and share it.
 */
public final class FlowParser {

    private static final List<FlowRule> RULES = List.of(
        new IdRule(), new InputRule(), new ScheduleRule(), new ScheduleConditionRule(), new DagRule(), new SwitchRule(),
        new PollingTriggerRule(), new WebhookRule());

    private final TemplateRule templates;

    public FlowParser() {
        this.templates = new TemplateRule(new TemplateEngine());
    }

    /** Parses and validates; returns the flow (remembering {@code yaml}) or throws with ALL problems. */
    public Flow parse(String yaml) {
        ParseResult result = validate(yaml);
        if (!result.problems().isEmpty()) {
            throw new FlowValidationException(result.problems());
        }
        return result.flow();
    }

    /** All problems, in file order; never throws for bad input. The flow is null when there are problems. */
    public ParseResult validate(String yaml) {
        try {
            return read(yaml);
        } catch (RuntimeException e) {
            // a bug of the parser, not of the flow: still an answer, never a stack trace
            return failed(List.of(new FlowProblem(1, 1, "", "the flow could not be checked (internal error); please report it")));
        } catch (StackOverflowError e) {
            // whatever nesting the YAML and template limits let through: the flow's fault, not a crash
            return failed(List.of(new FlowProblem(1, 1, "", "the flow nests too deeply to be checked; simplify it")));
        }
    }

    private ParseResult read(String yaml) {
        YamlDocument doc = YamlReader.read(yaml);
        ObjectNode root = doc.root();
        if (root == null) {
            return failed(doc.problems());
        }
        Problems problems = new Problems(doc.locations());
        doc.problems().forEach(problems::add);
        templates.check(root, Paths.ROOT, problems);
        StructureCheck structure = new StructureCheck(problems, PluginDefaults.read(root, doc.locations(), problems));
        structure.checkFlow(root);
        CheckedFlow checked = new CheckedFlow(root, structure.plugins());
        for (FlowRule rule : RULES) {
            rule.check(checked, problems);
        }
        if (!problems.isEmpty()) {
            return failed(problems.sorted());
        }
        try {
            Flow flow = Json.mapper().treeToValue(root, Flow.class);
            return new ParseResult(flow.withSource(yaml), List.of());
        } catch (JacksonException e) {
            // the checks above should have caught it; still say where, without Java names
            String path = bindingPath(e);
            problems.atValue(path, "invalid value " + ValueCheck.describe(root.at(pointer(e))));
            return failed(problems.sorted());
        }
    }

    private static ParseResult failed(List<FlowProblem> problems) {
        return new ParseResult(null, problems);
    }

    private static String bindingPath(JacksonException e) {
        String path = Paths.ROOT;
        for (JacksonException.Reference r : e.getPath()) {
            path = r.getPropertyName() != null ? Paths.property(path, r.getPropertyName()) : Paths.index(path, r.getIndex());
        }
        return path;
    }

    private static String pointer(JacksonException e) {
        StringBuilder p = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            p.append('/').append(r.getPropertyName() != null
                ? r.getPropertyName().replace("~", "~0").replace("/", "~1") : String.valueOf(r.getIndex()));
        }
        return p.toString();
    }
}
