package org.aviso.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.report.LifecycleException;
import org.aviso.gateway.settings.DemoMode;
import org.aviso.gateway.security.NotInNetworkException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns the few failures a person can cause into a clear answer in their language, with nothing changed: 404 for
 * what is not in their network, 409 when someone else acted first, 400 for input the domain refuses. JSON callers
 * get a problem detail instead of a page. Messages never echo input (which could be a phone number).
 */
@ControllerAdvice
class ErrorHandling {

    static final String VIEW = "error";

    private final DemoMode demo;

    ErrorHandling(DemoMode demo) {
        this.demo = demo;
    }

    @ExceptionHandler(NotInNetworkException.class)
    Object notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.NOT_FOUND, "error.notFound");
    }

    @ExceptionHandler({LifecycleException.class, OptimisticLockingFailureException.class})
    Object conflict(HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.CONFLICT, "error.conflict");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    Object badRequest(HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.BAD_REQUEST, "error.badRequest");
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, Model model,
            HttpStatus status, String messageKey) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setDetail(messageKey);
            return ResponseEntity.status(status).body(problem);
        }
        response.setStatus(status.value());
        model.addAttribute("messageKey", messageKey);
        model.addAttribute("status", status.value());
        // exception handlers get a fresh model: the page layout needs this to show (or hide) the demo banner
        model.addAttribute("demoMode", demo.enabled());
        return VIEW;
    }
}
