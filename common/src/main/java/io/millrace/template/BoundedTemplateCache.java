package io.millrace.template;

import io.pebbletemplates.pebble.cache.PebbleCache;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiled templates by their text, least recently used evicted first. Pebble's default cache
 * never forgets, and every distinct text a flow renders (render() output included) would stay.
 */
final class BoundedTemplateCache implements PebbleCache<Object, PebbleTemplate> {

    /** Longer texts are compiled each time: caching them would let one flow fill the memory. */
    static final int MAX_CACHED_LENGTH = 16_384;

    private final Map<Object, PebbleTemplate> entries;

    BoundedTemplateCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, PebbleTemplate> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public PebbleTemplate computeIfAbsent(Object key, Function<? super Object, ? extends PebbleTemplate> compile) {
        TemplateNesting.check(key instanceof String text ? text : null); // before Pebble's recursive parser
        if (key instanceof String text && text.length() > MAX_CACHED_LENGTH) {
            return compile.apply(key);
        }
        synchronized (entries) {
            PebbleTemplate cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // compiled outside the lock: two threads may compile the same text once each, which is harmless
        PebbleTemplate compiled = compile.apply(key);
        synchronized (entries) {
            entries.putIfAbsent(key, compiled);
        }
        return compiled;
    }

    @Override
    public void invalidateAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
