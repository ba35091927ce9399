/** Logging that clients cannot turn against the operator. */
package dev.termchat.server.log;
