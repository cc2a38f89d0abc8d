package org.aviso.gateway.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * Re-draws an uploaded photo into fresh pixels and encodes it again, which leaves behind everything that is not
 * the picture: EXIF (camera, time, GPS position), XMP, comments, thumbnails. Very large photos are scaled down.
 */
public final class PhotoSanitizer {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_EDGE = 2048;

    private PhotoSanitizer() {
    }

    /** A clean photo, or empty if the bytes are not a JPEG or PNG image. */
    public record Clean(String contentType, byte[] bytes) {
    }

    public static Optional<Clean> sanitize(byte[] upload) {
        if (upload == null || upload.length == 0 || upload.length > MAX_BYTES) {
            return Optional.empty();
        }
        String format = isJpeg(upload) ? "jpg" : isPng(upload) ? "png" : null;
        if (format == null) {
            return Optional.empty();
        }
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(upload));
            if (decoded == null) {
                return Optional.empty();
            }
            BufferedImage pixels = redraw(decoded, format.equals("png"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(pixels, format, out)) {
                return Optional.empty();
            }
            return Optional.of(new Clean(format.equals("png") ? "image/png" : "image/jpeg", out.toByteArray()));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static BufferedImage redraw(BufferedImage source, boolean keepAlpha) {
        double scale = Math.min(1.0, (double) MAX_EDGE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(width, height,
                keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }

    static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }
}
