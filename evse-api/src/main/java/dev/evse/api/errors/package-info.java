/** EVerest error names ({@link dev.evse.api.errors.ErrorTypes}) and the error object ({@link dev.evse.api.errors.RaisedError}). */
package dev.evse.api.errors;
