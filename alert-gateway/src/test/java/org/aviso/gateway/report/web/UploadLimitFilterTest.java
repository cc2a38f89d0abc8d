package org.aviso.gateway.report.web;

import java.util.Collection;

import jakarta.servlet.http.Part;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class UploadLimitFilterTest {

    @Test
    void sendsAPostTooLargeToReadBackToTheFormUnreadAndWithoutATokenInTheUrl() throws Exception {
        MockHttpServletRequest tooLarge = new MockHttpServletRequest("POST", "/report") {
            @Override
            public Collection<Part> getParts() {
                throw new IllegalStateException("The multi-part request exceeds its maximum permitted size");
            }
        };
        tooLarge.setContentType("multipart/form-data; boundary=x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new UploadLimitFilter().doFilter(tooLarge, response, chain);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(response.getHeader("Location")).isEqualTo("/report?photoTooLarge");
        assertThat(chain.getRequest()).as("nothing behind the filter saw the request").isNull();
    }

    @Test
    void letsEverythingElseThrough() throws Exception {
        MockHttpServletRequest small = new MockHttpServletRequest("POST", "/report");
        small.setContentType("application/x-www-form-urlencoded");
        MockFilterChain chain = new MockFilterChain();

        new UploadLimitFilter().doFilter(small, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(small);
    }
}
