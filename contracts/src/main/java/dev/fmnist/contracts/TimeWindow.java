package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The span of prediction timestamps an evaluation covers.
 *
 * @param start earliest prediction counted
 * @param end   latest prediction counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimeWindow(Instant start, Instant end) {}
