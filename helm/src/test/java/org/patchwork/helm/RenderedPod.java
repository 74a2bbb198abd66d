package org.patchwork.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rendered Deployment's pod would get, materialised on this machine: its container's
 * environment (the image's ENV lines first, then the pod's, secretKeyRefs resolved from the
 * cluster's Secrets) and its volumes as folders (Secret items written as files with the volume's
 * mode, emptyDirs empty), each mount path in the environment replaced by its folder; and its
 * command, the image's ENTRYPOINT and CMD. Only three things differ from a pod, each said where it
 * is done: the JDK running {@code java}, the uber-jar's path and the port; and the listener's
 * address (127.0.0.1 on a shared machine, not the image's 0.0.0.0).
 */
record RenderedPod(
    String name, Map<String, String> environment, List<String> command, long memoryLimit) {

  /**
   * @param secrets the cluster's Secrets in the pod's namespace: name → key → content
   * @param services in-cluster service addresses (host:port) → where that service runs here
   * @param ports the container's ports → where they listen here (http, and https with a keystore)
   */
  static RenderedPod materialise(
      Deployment deployment,
      Containerfile image,
      Map<String, Map<String, byte[]>> secrets,
      Map<String, String> services,
      Path jar,
      Map<Integer, Integer> ports,
      Path folder)
      throws IOException {
    String name = deployment.getMetadata().getName();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = RenderedManifests.onlyContainer(deployment);

    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          name + " mounts a volume it does not define: " + mount.getName()));
      Path local = Files.createDirectories(folder.resolve("volumes").resolve(volume.getName()));
      if (volume.getProjected() != null) {
        int mode = volume.getProjected().getDefaultMode();
        for (VolumeProjection source : volume.getProjected().getSources()) {
          SecretProjection secret = source.getSecret();
          for (KeyToPath item : secret.getItems()) {
            byte[] content = lookup(secrets, secret.getName(), item.getKey(), name);
            Path file = local.resolve(item.getPath());
            Files.write(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions(mode)));
          }
        }
      } else if (volume.getEmptyDir() == null) {
        throw new AssertionError(
            name + ": a volume of a kind this test cannot materialise: " + volume);
      }
      mounts.put(mount.getMountPath(), local);
    }

    Map<String, String> environment = new LinkedHashMap<>(image.env());
    // A shared test machine: the listener on loopback, not the image's 0.0.0.0.
    environment.put("PATCHWORK_HTTP_ADDRESS", "127.0.0.1");
    for (EnvVar variable : container.getEnv()) {
      String value;
      if (variable.getValueFrom() != null) {
        SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
        if (ref == null) {
          throw new AssertionError(
              name + ": " + variable.getName() + " comes from something other than a Secret");
        }
        value =
            new String(
                lookup(secrets, ref.getName(), ref.getKey(), name),
                java.nio.charset.StandardCharsets.UTF_8);
      } else {
        value = variable.getValue();
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
          value =
              value.replaceAll(
                  "(?<=^|[\\s=])" + java.util.regex.Pattern.quote(mount.getKey()) + "(?=$|[\\s/])",
                  java.util.regex.Matcher.quoteReplacement(mount.getValue().toString()));
        }
        for (Map.Entry<String, String> service : services.entrySet()) {
          value = value.replace(service.getKey(), service.getValue());
        }
      }
      environment.put(variable.getName(), value);
    }

    List<String> command = new ArrayList<>();
    List<String> entrypoint = image.entrypoint();
    // The image's java is this JDK 25; its jar is the one the build produced.
    command.add(
        entrypoint.get(0).equals("java")
            ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
            : entrypoint.get(0));
    for (String argument : entrypoint.subList(1, entrypoint.size())) {
      command.add(argument.equals(image.copy()[1]) ? jar.toString() : argument);
    }
    // As in a pod: the container's args, when it has any, replace the image's CMD.
    List<String> arguments =
        container.getArgs() == null || container.getArgs().isEmpty()
            ? image.cmd()
            : container.getArgs();
    for (String argument : arguments) {
      String local = argument;
      for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
        if (argument.equals(Integer.toString(port.getKey()))) {
          local = Integer.toString(port.getValue());
        }
      }
      command.add(local);
    }
    for (io.fabric8.kubernetes.api.model.ContainerPort declared : container.getPorts()) {
      if (!ports.containsKey(declared.getContainerPort())) {
        throw new AssertionError(
            name + " listens on " + declared.getContainerPort() + ", which the test did not map");
      }
    }
    long limit =
        io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                container.getResources().getLimits().get("memory"))
            .longValue();
    return new RenderedPod(name, environment, command, limit);
  }

  Process start(Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    // Exactly the pod's environment: nothing inherited from the build.
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.directory(log.getParent().toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  private static byte[] lookup(
      Map<String, Map<String, byte[]>> secrets, String secret, String key, String pod) {
    Map<String, byte[]> data = secrets.get(secret);
    if (data == null) {
      throw new AssertionError(
          pod + " needs Secret " + secret + ", which the council was not told to create");
    }
    byte[] content = data.get(key);
    if (content == null) {
      throw new AssertionError(
          pod + " needs key " + key + " of Secret " + secret + ", which it does not hold");
    }
    return content;
  }

  private static String permissions(int mode) {
    StringBuilder text = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = (mode >> shift) & 7;
      text.append((bits & 4) != 0 ? 'r' : '-')
          .append((bits & 2) != 0 ? 'w' : '-')
          .append((bits & 1) != 0 ? 'x' : '-');
    }
    return text.toString();
  }
}
