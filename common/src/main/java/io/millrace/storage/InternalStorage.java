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
}
