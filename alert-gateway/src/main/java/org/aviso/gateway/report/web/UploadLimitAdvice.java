package org.aviso.gateway.report.web;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aviso.gateway.settings.DemoMode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the server's limit is refused before any controller runs, so nothing of the form can be read
 * back. Answer with the form and a clear message instead of an error page; with JavaScript the phone still holds
 * the draft. (Not scoped to a package: Spring applies only global advice to failures that happen before a
 * handler is chosen. Ordered first: the problem-details handler would otherwise answer it with JSON.)
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitAdvice {

    private final DemoMode demo;

    UploadLimitAdvice(DemoMode demo) {
        this.demo = demo;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        model.addAttribute("demoMode", demo.enabled());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/report")) {
            return ReportFormController.showForm(model, Optional.empty(), new ReportForm(),
                    Map.of("photo", "report.error.photoTooLarge", "form", "report.error.resend"));
        }
        model.addAttribute("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
        return "error";
    }
}
