package dev.fleet.launcher;

/** Bad command-line input: printed as it is (no stack trace), exit status 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
