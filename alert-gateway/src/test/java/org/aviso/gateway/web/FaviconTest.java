package org.aviso.gateway.web;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every page names an icon, and a browser's classic {@code /favicon.ico} request finds it: no 404 on each page. */
@AvisoTest
@AutoConfigureMockMvc
class FaviconTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theIconIsServedToAStrangerAndTheClassicPathLeadsToIt() throws Exception {
        String svg = mvc.perform(get("/favicon.svg")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(svg).startsWith("<svg");
        mvc.perform(get("/favicon.ico")).andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/favicon.svg"));
    }

    @Test
    void pagesNameTheIcon() throws Exception {
        String signin = mvc.perform(get("/signin")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(signin).contains("rel=\"icon\"").contains("/favicon.svg");
    }
}
