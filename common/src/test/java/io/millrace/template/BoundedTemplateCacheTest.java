package io.millrace.template;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedTemplateCacheTest {

    private final AtomicInteger compilations = new AtomicInteger();

    private PebbleTemplate compile(Object key) {
        compilations.incrementAndGet();
        return (PebbleTemplate) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PebbleTemplate.class}, (proxy, method, args) -> null);
    }

    @Test
    void compilesEachTextOnce() {
        BoundedTemplateCache cache = new BoundedTemplateCache(10);

        PebbleTemplate first = cache.computeIfAbsent("{{ a }}", this::compile);

        assertThat(cache.computeIfAbsent("{{ a }}", this::compile)).isSameAs(first);
        assertThat(compilations).hasValue(1);
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        BoundedTemplateCache cache = new BoundedTemplateCache(2);
        cache.computeIfAbsent("a", this::compile);
        cache.computeIfAbsent("b", this::compile);
        cache.computeIfAbsent("a", this::compile);
        cache.computeIfAbsent("c", this::compile);

        assertThat(cache.size()).isEqualTo(2);
        cache.computeIfAbsent("a", this::compile);
        assertThat(compilations).hasValue(3);
        cache.computeIfAbsent("b", this::compile);
        assertThat(compilations).hasValue(4);
    }

    @Test
    void doesNotKeepVeryLongTexts() {
        BoundedTemplateCache cache = new BoundedTemplateCache(10);
        String longText = "x".repeat(BoundedTemplateCache.MAX_CACHED_LENGTH + 1);

        cache.computeIfAbsent(longText, this::compile);
        cache.computeIfAbsent(longText, this::compile);

        assertThat(cache.size()).isZero();
        assertThat(compilations).hasValue(2);
    }
}
