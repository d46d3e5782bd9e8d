package io.millrace.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes out of Pebble's built-in extensions what a flow author must not reach: tags that load other
 * templates, the {@code cache} tag (its entries outlive a render and would leak between flows), the
 * {@code parallel} tag, the {@code i18n} function (it reads resource bundles from the classpath),
 * and the reflective attribute resolver ({@link DataAttributeResolver} replaces it). The filters and
 * functions that stay are counted and bounded like Millrace's ({@link BudgetedCalls}), and its filters
 * report what they derive from a secret ({@link SecretTracking}).
 */
final class SandboxCustomizer extends ExtensionCustomizer {

    /** Tags removed from the language. */
    static final Set<String> REMOVED_TAGS =
        Set.of("include", "import", "from", "extends", "embed", "cache", "parallel");

    private static final Set<String> REMOVED_FUNCTIONS = Set.of("i18n");

    SandboxCustomizer(Extension delegate) {
        super(delegate);
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        List<TokenParser> parsers = super.getTokenParsers();
        return parsers == null ? null : parsers.stream().filter(p -> !REMOVED_TAGS.contains(p.getTag())).toList();
    }

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> functions = super.getFunctions();
        if (functions == null) {
            return null;
        }
        Map<String, Function> kept = new HashMap<>(functions);
        kept.keySet().removeAll(REMOVED_FUNCTIONS);
        return BudgetedCalls.functions(kept);
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> filters = super.getFilters();
        if (filters == null) {
            return null;
        }
        Map<String, Filter> kept = new HashMap<>(filters);
        kept.replaceAll((name, filter) -> filter instanceof EscapeFilter ? new BudgetedEscape() : filter);
        return SecretTracking.track(BudgetedCalls.filters(kept));
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        // the default resolver calls getters and public methods on any object
        return List.of();
    }
}
