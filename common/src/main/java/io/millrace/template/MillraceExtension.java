package io.millrace.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.operator.BinaryOperator;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything Millrace adds to Pebble for Kestra flows: functions, filters, tests, the {@code ??}
 * operators, JSON printing, the data-only attribute access and the check of names at parse time.
 * Registered after Pebble's core, so a function, filter or operator here ({@code date}, {@code replace},
 * {@code range}, {@code format}, {@code join}, {@code ~}, {@code +}…) replaces the core one. Every
 * filter and function is counted and bounded ({@link BudgetedCalls}).
 */
final class MillraceExtension extends AbstractExtension {

    private final SecretProvider secrets;
    private final InstantSource clock;
    private final Supplier<ExtensionRegistry> registry;

    MillraceExtension(SecretProvider secrets, InstantSource clock, Supplier<ExtensionRegistry> registry) {
        this.secrets = secrets;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> functions = new HashMap<>();
        functions.put("secret", SecretFunction.of(secrets));
        functions.put("errorLogs", ErrorLogsFunction.of());
        functions.putAll(ClockFunctions.functions(clock));
        functions.putAll(RenderFunctions.functions());
        functions.putAll(JsonFunctions.functions());
        functions.putAll(RandomFunctions.functions());
        functions.put("range", new BoundedRange());
        return BudgetedCalls.functions(functions);
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> filters = new HashMap<>();
        filters.putAll(JsonFilters.filters());
        filters.put("jq", JqFilter.filter());
        filters.putAll(DateFilters.filters());
        filters.putAll(CollectionFilters.filters());
        filters.put("number", NumberFilter.filter());
        filters.putAll(StringFilters.filters());
        filters.putAll(LayoutFilters.filters());
        filters.put("replace", ReplaceFilter.filter());
        filters.putAll(EncodingFilters.filters());
        filters.putAll(TextBuildingFilters.filters());
        filters.putAll(CaseFilters.filters());
        return SecretTracking.track(BudgetedCalls.filters(filters));
    }

    @Override
    public Map<String, Test> getTests() {
        return ValueTests.tests();
    }

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        List<BinaryOperator> operators = new ArrayList<>(CoalescingExpression.operators());
        operators.add(ConcatenationExpression.operator());
        operators.add(AdditionExpression.operator());
        return operators;
    }

    @Override
    public List<NodeVisitorFactory> getNodeVisitors() {
        return List.of(new ValuePrinting(), new NameCheck(registry), new BudgetChecks());
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        return List.of(new DataAttributeResolver());
    }
}
