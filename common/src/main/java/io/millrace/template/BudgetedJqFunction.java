package io.millrace.template;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

import java.util.List;

/**
 * A jq builtin that counts a step of the {@link RenderBudget} when called and for every value it
 * emits, so that a generator such as {@code range(1e12)} stops at the render's deadline or step
 * limit, whatever consumes its values ({@code last}, {@code reduce}, {@code [...]}).
 */
record BudgetedJqFunction(Function function) implements Function {

    @Override
    public void apply(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output,
                      Version version) throws JsonQueryException {
        RenderBudget budget = RenderBudget.current();
        budget.step(null, null);
        function.apply(scope, args, in, path, (value, at) -> {
            budget.step(null, null);
            output.emit(value, at);
        }, version);
    }
}
