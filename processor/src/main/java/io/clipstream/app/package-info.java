/**
 * The service process: starts the roles the configuration asks for (planner, renderer) with their
 * Kafka Streams clients, storage and meters, and stops them together.
 */
package io.clipstream.app;
