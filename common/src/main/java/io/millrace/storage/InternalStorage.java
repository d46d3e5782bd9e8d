package io.millrace.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Millrace's internal storage: files addressed by {@code millrace:///path} URIs (the form
 * {@code FileConverter} accepts for FILE inputs), written by the api and read later by workers.
 */
public interface InternalStorage {

    /** The URI scheme of internal storage. */
    String SCHEME = "millrace";

    /** Stores {@code content} at {@code uri}, replacing what was there, and returns the URI. */
    URI put(URI uri, InputStream content) throws IOException;

    /** The content at {@code uri}, empty when nothing is stored there; the caller closes the stream. */
    Optional<InputStream> get(URI uri) throws IOException;

    /** Removes what is stored at {@code uri}; whether something was there. */
    boolean delete(URI uri) throws IOException;

    /** The size in bytes of what is stored at {@code uri}, empty when nothing is. */
    Optional<Long> size(URI uri) throws IOException;

    /** Removes everything stored under the folder {@code prefix} (a URI ending with {@code /}); how many files. */
    int deleteAll(URI prefix) throws IOException;

    /** The folder of one execution's files: {@code millrace:///company/team/flow-id/executions/<id>/}. */
    static URI executionFolder(String namespace, String flowId, String executionId) {
        return uri("/" + namespace.replace('.', '/') + "/" + flowId + "/executions/" + executionId + "/");
    }

    /** Where a file given for a FILE input is kept: under the execution's folder, {@code inputs/<input>/<file name>}. */
    static URI inputFile(String namespace, String flowId, String executionId, String inputId, String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = inputId;
        }
        return uri(executionFolder(namespace, flowId, executionId).getPath() + "inputs/" + inputId + "/" + name);
    }

    private static URI uri(String path) {
        try {
            // the multi-argument constructor percent-encodes what a path may hold (spaces…)
            return new URI(SCHEME, "", path, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a storage path: " + path, e);
        }
    }
}
