/**
 * The small HTTP toolkit every simulator is built on: routing by method and path, JSON in and
 * out, RFC 9457 problem responses, API-key checks and the hook through which faults are injected.
 * Internal to the simulators module; services should talk to simulators over HTTP only.
 */
package id.go.prakerja.simulators.http;
