package io.millrace.api.security;

import io.millrace.api.executions.ExecutionLookup;
import io.millrace.api.store.ExecutionStore;
import io.millrace.api.web.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks each request against its handler's {@link Permission} before the handler runs: the caller's
 * role, then the namespace the request touches (from the path, or the execution it names). An api
 * handler that declares nothing is refused to all but an unrestricted admin, so a forgotten
 * declaration fails closed; handlers of libraries (the OpenAPI description, the error page) need only
 * an authenticated caller.
 */
final class PermissionInterceptor implements HandlerInterceptor {

    /** The packages whose handlers must declare a permission. */
    static final String API_PACKAGE = "io.millrace.";

    private final Access access;
    private final ExecutionStore executions;

    PermissionInterceptor(Access access, ExecutionStore executions) {
        this.access = access;
        this.executions = executions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // the second dispatch of a follow stream or an error page: the request was checked at its first
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.hasMethodAnnotation(OpenEndpoint.class)) {
            return true;
        }
        Caller caller = access.caller();
        Permission permission = method.getMethodAnnotation(Permission.class);
        if (permission == null) {
            if (!method.getBeanType().getName().startsWith(API_PACKAGE)) {
                return true; // a library's endpoint: any authenticated caller
            }
            if (caller.role() != Role.ADMIN || !caller.unrestricted()) {
                throw AccessDenied.undeclared(caller, request.getMethod() + " " + request.getRequestURI());
            }
            return true;
        }
        switch (permission.scope()) {
            case PATH -> caller.require(permission.value(), permission.action(), pathVariable(request, "namespace"));
            case EXECUTION -> {
                caller.requireRole(permission.value(), permission.action());
                String id = pathVariable(request, "executionId");
                if (!caller.unrestricted() && !caller.sees(executionNamespace(id))) {
                    throw AccessDenied.outside(caller, permission.action(), "execution " + id);
                }
            }
            // the handler checks the namespaces of the body, or keeps its results to the caller's, itself
            case NONE, BODY, RESULTS -> caller.requireRole(permission.value(), permission.action());
        }
        return true;
    }

    private static String pathVariable(HttpServletRequest request, String name) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new IllegalStateException("the endpoint declares a permission on {" + name + "} but has no such path variable");
        }
        return value;
    }

    /** The namespace of an execution; one just created may not be indexed yet, so it is looked for a moment. */
    private String executionNamespace(String executionId) {
        return ExecutionLookup.find(executions, executionId, () -> false).map(e -> e.header().namespace())
            .orElseThrow(() -> ApiException.notFound("execution " + executionId + " does not exist"));
    }

    /**
     * What is wrong with the declarations of {@code handlers}: an api handler without {@link Permission} or
     * {@link OpenEndpoint}, or one whose scope names a path variable it does not have.
     */
    static List<String> problems(Map<?, HandlerMethod> handlers) {
        List<String> problems = new ArrayList<>();
        handlers.forEach((mapping, method) -> {
            if (!method.getBeanType().getName().startsWith(API_PACKAGE)) {
                return;
            }
            Permission p = method.getMethodAnnotation(Permission.class);
            boolean open = method.hasMethodAnnotation(OpenEndpoint.class);
            String where = method.getBeanType().getSimpleName() + "." + method.getMethod().getName() + " " + mapping;
            if (p == null && !open) {
                problems.add(where + " declares neither @Permission nor @OpenEndpoint");
            } else if (p != null && open) {
                problems.add(where + " declares both @Permission and @OpenEndpoint");
            } else if (p != null && p.scope() == Permission.Scope.PATH && !mapping.toString().contains("{namespace}")) {
                problems.add(where + " takes its namespace from the path but has no {namespace}");
            } else if (p != null && p.scope() == Permission.Scope.EXECUTION && !mapping.toString().contains("{executionId}")) {
                problems.add(where + " takes its namespace from an execution but has no {executionId}");
            }
        });
        return problems;
    }
}
