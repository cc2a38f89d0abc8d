package org.aviso.gateway.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/**
 * Photos as a phone's camera saves them: a JPEG with an EXIF segment right after SOI whose GPS IFD holds a position
 * (37°46'N 122°25'W) and a searchable marker. (The same segment as {@code PhoneReportBrowserTest}'s, for tests in
 * other packages.)
 */
public final class CameraPhotos {

    public static final byte[] MARKER = "GPS-TEST-MARK".getBytes(StandardCharsets.US_ASCII);

    private CameraPhotos() {
    }

    /** A small JPEG with the EXIF/GPS segment. */
    public static byte[] jpegWithGps(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        byte[] app1 = exifWithGps();
        byte[] result = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(app1, 0, result, 2, app1.length);
        System.arraycopy(jpeg, 2, result, 2 + app1.length, jpeg.length - 2);
        return result;
    }

    /** An APP1 "Exif" segment (big-endian TIFF) whose IFD0 points to a GPS IFD, and a marker. */
    static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(256);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        int ifd0Size = 2 + 2 * 12 + 4;
        int markerAt = 8 + ifd0Size;
        byte[] marker = "GPS-TEST-MARK\0".getBytes(StandardCharsets.US_ASCII);
        int gpsAt = markerAt + marker.length + (marker.length % 2);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(marker.length).putInt(markerAt);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
        tiff.putInt(0);
        tiff.put(marker);
        if (marker.length % 2 == 1) {
            tiff.put((byte) 0);
        }
        int gpsSize = 2 + 4 * 12 + 4;
        int latAt = gpsAt + gpsSize;
        int lonAt = latAt + 24;
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latAt);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'W', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(lonAt);
        tiff.putInt(0);
        tiff.putInt(37).putInt(1).putInt(46).putInt(1).putInt(2964).putInt(100);
        tiff.putInt(122).putInt(1).putInt(25).putInt(1).putInt(984).putInt(100);
        byte[] body = new byte[tiff.position()];
        tiff.flip().get(body);
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(body);
        return segment.array();
    }

    /** Whether the JPEG has an APP1 segment (EXIF or XMP) before its image data. */
    public static boolean hasApp1(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            at += 2 + length;
        }
        return false;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
