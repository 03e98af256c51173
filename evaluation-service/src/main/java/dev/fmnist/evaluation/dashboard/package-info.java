/**
 * The dashboard at {@code /}: a server-rendered first view (Qute, {@code templates/dashboard.html}) that
 * {@code META-INF/resources/app.js} keeps up to date from the server-sent-event stream. The view records here hold
 * the page's figures already formatted; app.js formats the same way.
 */
package dev.fmnist.evaluation.dashboard;
