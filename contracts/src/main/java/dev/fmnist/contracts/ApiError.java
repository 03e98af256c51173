package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of every 4xx/5xx HTTP answer of every service.
 *
 * <pre>{@code {"status": 400, "error": "Bad Request", "reason": "invalid-pixels: ...", "rule": "invalid-pixels"}}</pre>
 *
 * @param status the HTTP status code, the same as the answer's
 * @param error  the HTTP reason phrase of {@code status} ({@code Bad Request}, {@code Not Found}, ...)
 * @param reason the cause, for people; a refusal by a rule starts with the rule code ({@code rule-code: details})
 * @param rule   the rule code when a rule refused the request ({@code invalid-pixels}, {@code unknown-dataset},
 *               ...), else null and left out of the JSON
 */
public record ApiError(
        int status,
        String error,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rule) {

    private static final Pattern RULE = Pattern.compile("^([a-z][a-z0-9]*(?:-[a-z0-9]+)*):");

    /**
     * An error that no rule names.
     *
     * @param status the HTTP status code
     * @param reason the cause, for people
     * @return the error, with the standard reason phrase of {@code status} and no rule
     */
    public static ApiError of(int status, String reason) {
        return new ApiError(status, reasonPhrase(status), reason, null);
    }

    /**
     * A refusal by a rule whose reason reads {@code rule-code: details}, as the validators word them.
     *
     * @param status the HTTP status code
     * @param reason the broken rule, {@code rule-code: details}
     * @return the error, with {@code rule} the code before the first colon (null when the reason has none)
     */
    public static ApiError refusal(int status, String reason) {
        Matcher code = RULE.matcher(reason == null ? "" : reason);
        return new ApiError(status, reasonPhrase(status), reason, code.find() ? code.group(1) : null);
    }

    /**
     * @param status an HTTP status code
     * @return its reason phrase (RFC 9110), or {@code Client Error} / {@code Server Error} / {@code HTTP n}
     */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default ->
                status >= 500 && status < 600
                        ? "Server Error"
                        : status >= 400 && status < 500 ? "Client Error" : "HTTP " + status;
        };
    }
}
