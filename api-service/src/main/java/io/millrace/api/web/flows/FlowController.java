package io.millrace.api.web.flows;

import io.millrace.api.flows.FlowJson;
import io.millrace.api.flows.FlowService;
import io.millrace.api.flows.FlowView;
import io.millrace.api.security.Access;
import io.millrace.api.security.Permission;
import io.millrace.api.security.Role;
import io.millrace.api.limits.PageLimits;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.web.ApiException;
import io.millrace.model.FlowRecord;
import io.millrace.serde.FlowProblem;
import io.millrace.serde.ParseResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flows over HTTP, on Kestra's paths: create, update, get (JSON or the YAML source), delete,
 * revisions, search, validate, and the GitOps update of a whole namespace.
 */
@RestController
@RequestMapping("/api/v1/flows")
public class FlowController {

    /** Media types a flow source may come as. */
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");

    private final FlowService flows;
    private final FlowView view;
    private final Access access;
    private final PageLimits pages;

    public FlowController(FlowService flows, FlowView view, Access access, PageLimits pages) {
        this.flows = flows;
        this.view = view;
        this.access = access;
        this.pages = pages;
    }

    /** Creates a flow; the namespace the caller must be a developer of is the source's. */
    @PostMapping(consumes = {"application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml"})
    @Permission(value = Role.DEVELOPER, action = "create flows", scope = Permission.Scope.BODY)
    public Map<String, Object> create(@RequestBody(required = false) String source) {
        return FlowJson.of(flows.create(source, namespace -> access.require(Role.DEVELOPER, "create flows", namespace)),
            false);
    }

    @Permission(value = Role.DEVELOPER, action = "update flows", scope = Permission.Scope.PATH)
    @PutMapping(path = "/{namespace}/{id}",
        consumes = {"application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml"})
    public Map<String, Object> update(@PathVariable String namespace, @PathVariable String id,
                                      @RequestBody(required = false) String source) {
        return FlowJson.of(flows.update(namespace, id, source), false);
    }

    /** The flow as JSON ({@code source=true} adds its YAML), or its YAML source when asked for YAML. */
    @GetMapping("/{namespace}/{id}")
    @Permission(value = Role.VIEWER, action = "read flows", scope = Permission.Scope.PATH)
    public ResponseEntity<?> get(@PathVariable String namespace, @PathVariable String id,
                                 @RequestParam(required = false) Integer revision,
                                 @RequestParam(defaultValue = "false") boolean source,
                                 @RequestHeader(name = "Accept", required = false) String accept) {
        FlowRecord flow = revision == null
            ? view.latest(namespace, id).orElseThrow(() -> notFound(namespace, id))
            : view.revision(namespace, id, revision).orElseThrow(() -> ApiException.notFound(
                "flow " + namespace + "." + id + " has no revision " + revision));
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-yaml")).body(flow.source());
        }
        return ResponseEntity.ok(FlowJson.of(flow, source));
    }

    @DeleteMapping("/{namespace}/{id}")
    @Permission(value = Role.DEVELOPER, action = "delete flows", scope = Permission.Scope.PATH)
    public ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String id) {
        flows.delete(namespace, id);
        return ResponseEntity.noContent().build();
    }

    /** Every revision, oldest first, each with its source. */
    @GetMapping("/{namespace}/{id}/revisions")
    @Permission(value = Role.VIEWER, action = "read flows", scope = Permission.Scope.PATH)
    public List<Map<String, Object>> revisions(@PathVariable String namespace, @PathVariable String id) {
        List<FlowRecord> all = view.revisions(namespace, id);
        if (all.isEmpty()) {
            throw notFound(namespace, id);
        }
        return all.stream().map(f -> FlowJson.of(f, true)).toList();
    }

    /** Flows of a namespace or under it, whose id, namespace or source contains {@code q}, of the caller's namespaces. */
    @GetMapping("/search")
    @Permission(value = Role.VIEWER, action = "read flows", scope = Permission.Scope.RESULTS)
    public ResultPage<Map<String, Object>> search(@RequestParam(required = false) String namespace,
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size,
                                                  @RequestParam(required = false) List<String> sort) {
        Paging paging = pages.paging(page, size, sort);
        List<FlowRecord> matching = new ArrayList<>();
        for (FlowRecord f : view.all()) {
            if (inNamespace(f.namespace(), namespace) && contains(f, q) && access.sees(f.namespace())) {
                matching.add(f);
            }
        }
        matching.sort(order(paging));
        // page * size stays within the result window, so within an int
        int from = (int) Math.min(matching.size(), (long) (paging.page() - 1) * paging.size());
        int to = (int) Math.min(matching.size(), (long) from + paging.size());
        return new ResultPage<>(matching.subList(from, to).stream().map(f -> FlowJson.of(f, false)).toList(),
            matching.size());
    }

    /** The flows of one namespace (exactly it), by id. */
    @GetMapping("/{namespace}")
    @Permission(value = Role.VIEWER, action = "read flows", scope = Permission.Scope.PATH)
    public List<Map<String, Object>> ofNamespace(@PathVariable String namespace) {
        return view.all().stream().filter(f -> f.namespace().equals(namespace)).map(f -> FlowJson.of(f, false)).toList();
    }

    /**
     * Checks one or more sources (YAML documents separated by {@code ---}) without deploying them:
     * one answer per document, with its problems' lines and columns.
     */
    @PostMapping(path = "/validate",
        consumes = {"application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml"})
    @Permission(value = Role.VIEWER, action = "validate flows", scope = Permission.Scope.NONE)
    public List<Map<String, Object>> validate(@RequestBody(required = false) String body) {
        List<Map<String, Object>> answers = new ArrayList<>();
        List<String> documents = documents(body);
        for (int i = 0; i < documents.size(); i++) {
            ParseResult result = flows.validate(documents.get(i), documents.size() > 1 ? i + 1 : 0);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("index", i);
            if (result.flow() != null) {
                answer.put("namespace", result.flow().namespace());
                answer.put("flow", result.flow().id());
            }
            answer.put("valid", result.isValid());
            if (!result.isValid()) {
                answer.put("constraints", String.join("\n", result.problems().stream()
                    .map(p -> "line " + p.line() + ", column " + p.column() + ": " + p.message()).toList()));
                answer.put("problems", result.problems().stream().map(FlowController::problem).toList());
            }
            answers.add(answer);
        }
        return answers;
    }

    /**
     * GitOps: makes namespace {@code namespace} hold exactly the flows of the body (YAML documents
     * separated by {@code ---}); with {@code delete=true} (the default) its other flows are deleted,
     * which only an admin of the namespace may do; without, a developer of it may.
     */
    @PostMapping(path = "/{namespace}",
        consumes = {"application/x-yaml", "application/yaml", "text/yaml", "text/x-yaml"})
    @Permission(value = Role.DEVELOPER, action = "deploy the flows of a namespace", scope = Permission.Scope.PATH)
    public List<Map<String, Object>> replaceNamespace(@PathVariable String namespace,
                                                      @RequestParam(defaultValue = "true") boolean delete,
                                                      @RequestBody(required = false) String body) {
        if (delete) {
            access.require(Role.ADMIN, "replace every flow of a namespace (delete=true; delete=false needs developer)",
                namespace);
        }
        return flows.replaceNamespace(namespace, documents(body), delete).stream()
            .map(f -> FlowJson.of(f, false)).toList();
    }

    private static Map<String, Object> problem(FlowProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", p.message());
        m.put("path", p.path());
        m.put("line", p.line());
        m.put("column", p.column());
        return m;
    }

    static List<String> documents(String body) {
        if (body == null) {
            return List.of();
        }
        List<String> documents = new ArrayList<>();
        for (String d : DOCUMENT_SEPARATOR.split(body)) {
            if (!d.isBlank()) {
                documents.add(d);
            }
        }
        return documents;
    }

    private static boolean inNamespace(String namespace, String filter) {
        return filter == null || filter.isBlank() || namespace.equals(filter) || namespace.startsWith(filter + ".");
    }

    private static boolean contains(FlowRecord f, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        return f.id().toLowerCase(Locale.ROOT).contains(needle) || f.namespace().toLowerCase(Locale.ROOT).contains(needle)
            || f.source().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Comparator<FlowRecord> order(Paging paging) {
        Comparator<FlowRecord> order = null;
        for (Paging.SortField s : paging.sort()) {
            Comparator<FlowRecord> c = switch (s.field()) {
                case "id" -> Comparator.comparing(FlowRecord::id);
                case "namespace" -> Comparator.comparing(FlowRecord::namespace);
                case "revision" -> Comparator.comparingInt(FlowRecord::revision);
                case "updated" -> Comparator.comparing(FlowRecord::updated, Comparator.nullsFirst(Comparator.naturalOrder()));
                default -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "cannot sort flows on '" + s.field() + "' (id, namespace, revision or updated)");
            };
            c = s.ascending() ? c : c.reversed();
            order = order == null ? c : order.thenComparing(c);
        }
        Comparator<FlowRecord> byName = Comparator.comparing(FlowRecord::namespace).thenComparing(FlowRecord::id);
        return order == null ? byName : order.thenComparing(byName);
    }

    private static ApiException notFound(String namespace, String id) {
        return ApiException.notFound("flow " + namespace + "." + id + " does not exist");
    }
}
