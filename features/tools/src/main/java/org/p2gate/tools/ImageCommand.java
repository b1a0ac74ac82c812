package org.p2gate.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2gate.cosem.image.ImageRejectedException;
import org.p2gate.cosem.image.SignedImage;
import org.p2gate.cosem.image.SigningKey;

/**
 * {@code ./p2gate image keygen|sign|verify}: the signing side of firmware updates over P3 (the Image Transfer
 * object 0-0:44.0.0.255 takes only images signed by the key configured in {@code image.public.key}).
 */
final class ImageCommand {

    static final String USAGE = """
            usage: ./p2gate image keygen --private FILE --public FILE
                   ./p2gate image sign --key PRIVATE-KEY-FILE [--out IMAGE] DEPLOYMENT-PACKAGE
                   ./p2gate image verify --key PUBLIC-KEY-FILE IMAGE
              keygen  a new EC P-256 key pair: the private key (PKCS#8 PEM, owner-only; never overwritten) signs
                      images, the public key (X.509 PEM) goes into image.public.key of org.p2gate.cosem
              sign    the .dp with its signature trailer (SHA-256 and SHA256withECDSA), written to IMAGE
                      (default: the .dp's name with .img); ./p2gate headend update --image IMAGE sends it
              verify  checks an image as the gateway will (hash, signature, deployment package)""";

    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";

    private final PrintStream out;
    private final PrintStream err;

    ImageCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, String> options = new HashMap<>();
        String operand = null;
        try {
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i], args[++i]);
                } else if (operand == null) {
                    operand = args[i];
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
            }
            return switch (args[0]) {
                case "keygen" -> keygen(options, operand);
                case "sign" -> sign(options, operand);
                case "verify" -> verify(options, operand);
                default -> throw new IllegalArgumentException("unknown image command '" + args[0] + "' (keygen, sign, verify)");
            };
        } catch (IllegalArgumentException e) {
            err.println("p2gate image: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("p2gate image: " + e.getMessage());
            return 2;
        }
    }

    private int keygen(Map<String, String> options, String operand) throws IOException {
        allowOnly(options, operand, false, "--private", "--public");
        Path privateFile = Path.of(required(options, "--private"));
        Path publicFile = Path.of(required(options, "--public"));
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no EC P-256: " + e.getMessage(), e);
        }
        try {
            Files.writeString(Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), pem(PRIVATE_PEM, pair.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("p2gate image: " + privateFile + " exists; a signing key is never overwritten (images signed "
                    + "with it would no longer match a new public key)");
            return 2;
        }
        Files.writeString(publicFile, pem(PUBLIC_PEM, pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        out.println("private key: " + privateFile + " (keep it off the gateways)");
        out.println("public key:  " + publicFile + " (set it as image.public.key of org.p2gate.cosem)");
        return 0;
    }

    private int sign(Map<String, String> options, String operand) throws IOException {
        allowOnly(options, operand, true, "--key", "--out");
        Path dpFile = Path.of(operand);
        byte[] dp = Files.readAllBytes(dpFile);
        SignedImage.PackageId id;
        try {
            id = SignedImage.packageOf(dp);
        } catch (ImageRejectedException e) {
            err.println("p2gate image: " + dpFile + ": " + e.getMessage().replace("the signed content", "it"));
            return 2;
        }
        PrivateKey key = privateKey(Path.of(required(options, "--key")));
        byte[] image;
        try {
            image = SignedImage.sign(dp, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key cannot sign (" + e.getMessage() + "): is it an EC P-256 key?", e);
        }
        Path imageFile = Path.of(options.getOrDefault("--out", defaultImageName(dpFile)));
        Files.write(imageFile, image);
        out.printf("%s: %s %s signed, %d bytes%n", imageFile, id.name(), id.version(), image.length);
        return 0;
    }

    private int verify(Map<String, String> options, String operand) throws IOException {
        allowOnly(options, operand, true, "--key");
        Path imageFile = Path.of(operand);
        byte[] image = Files.readAllBytes(imageFile);
        try {
            SignedImage.Verified verified = SignedImage.verify(image,
                    SigningKey.parse(Files.readString(Path.of(required(options, "--key")), StandardCharsets.US_ASCII)));
            out.printf("%s: verified: %s %s (%d-byte deployment package)%n", imageFile, verified.packageName(),
                    verified.packageVersion(), verified.deploymentPackage().length);
            return 0;
        } catch (ImageRejectedException e) {
            out.printf("%s: refused: %s%n", imageFile, e.getMessage());
            return 1;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN " + PRIVATE_PEM + "-----")) {
            throw new IllegalArgumentException(file + " is no PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); "
                    + "./p2gate image keygen makes one");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) " + PRIVATE_PEM + "-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // the message names the file, never the key's bytes
            throw new IllegalArgumentException(file + " holds no EC private key in PKCS#8 form", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String defaultImageName(Path dp) {
        String name = dp.toString();
        return (name.endsWith(".dp") ? name.substring(0, name.length() - 3) : name) + ".img";
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is needed");
        }
        return value;
    }

    private static void allowOnly(Map<String, String> options, String operand, boolean needsOperand, String... allowed) {
        for (String option : options.keySet()) {
            if (!List.of(allowed).contains(option)) {
                throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (needsOperand != (operand != null)) {
            throw new IllegalArgumentException(needsOperand ? "the file to work on is missing" : "unexpected argument '"
                    + operand + "'");
        }
    }
}
