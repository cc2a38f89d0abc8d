package org.aviso.gateway.security;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a site contact opens from the administrator's enrollment message. The code arrives in the link's
 * fragment ({@code /enroll#CODE}), which a small script copies into the form; browsers never send fragments to
 * servers, so the code stays out of access logs. Without JavaScript the person types the code.
 */
@Controller
class EnrollmentController {

    static final String VIEW = "security/enroll";
    static final String DONE_VIEW = "security/enrolled";
    private static final Duration DEVICE_COOKIE_LIFETIME = Duration.ofDays(400);

    private final Devices devices;
    private final RateLimits limits;

    EnrollmentController(Devices devices, RateLimits limits) {
        this.devices = devices;
        this.limits = limits;
    }

    @GetMapping("/enroll")
    String form() {
        return VIEW;
    }

    @PostMapping("/enroll")
    String enroll(@RequestParam(name = "code", required = false) String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!limits.tryPass(RateLimits.Door.ENROLLMENT, request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", "enroll.error.tooMany");
            return VIEW;
        }
        Optional<Devices.EnrolledDevice> device = devices.enroll(code, describe(request.getHeader("User-Agent")));
        if (device.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "enroll.error.invalid");
            return VIEW;
        }
        ResponseCookie cookie = ResponseCookie.from(DeviceAuthenticationFilter.COOKIE, device.get().credential())
                .httpOnly(true)
                .secure(true)
                .sameSite("Lax")
                .path("/")
                .maxAge(DEVICE_COOKIE_LIFETIME)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
        return DONE_VIEW;
    }

    /** Keeps only the browser family and platform, enough for an administrator to tell two phones apart. */
    static String describe(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        String browser = userAgent.contains("Firefox") ? "Firefox" : userAgent.contains("Edg") ? "Edge"
                : userAgent.contains("Chrome") ? "Chrome" : userAgent.contains("Safari") ? "Safari" : "Browser";
        String platform = userAgent.contains("Android") ? "Android" : userAgent.contains("iPhone") ? "iPhone"
                : userAgent.contains("iPad") ? "iPad" : userAgent.contains("Windows") ? "Windows"
                : userAgent.contains("Mac OS") ? "Mac" : userAgent.contains("Linux") ? "Linux" : "unknown";
        return browser + " on " + platform;
    }
}
