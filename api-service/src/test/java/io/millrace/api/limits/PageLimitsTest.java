package io.millrace.api.limits;

import io.millrace.api.store.Paging;
import io.millrace.api.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paging check every search goes through. */
class PageLimitsTest {

    private final PageLimits pages = new PageLimits(ApiLimits.defaults());

    @Test
    void aPageWithinTheWindowPasses() {
        Paging paging = pages.paging(10, 1000, List.of("id:desc"));
        assertThat(paging.page()).isEqualTo(10);
        assertThat(paging.sort()).singleElement().satisfies(s -> assertThat(s.ascending()).isFalse());
    }

    @Test
    void eachBadParameterIsA422NamingIt() {
        assertRefused(() -> pages.paging(0, 25, null), "page must be 1 or more, got 0");
        assertRefused(() -> pages.paging(1, 0, null), "size must be 1 or more, got 0");
        assertRefused(() -> pages.paging(1, 1001, null), "size 1001 is more than 1000");
        assertRefused(() -> pages.paging(11, 1000, null), "page 11 of size 1000 reaches result 11000");
        assertRefused(() -> pages.paging(Integer.MAX_VALUE, Integer.MAX_VALUE - 1, null), "size 2147483646");
        assertRefused(() -> pages.paging(Integer.MAX_VALUE, 1000, null), "reaches result 2147483647000");
        assertRefused(() -> pages.paging(1, 25, List.of("id:sideways")), "sort order must be asc or desc");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
