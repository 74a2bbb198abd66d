{{/*
Shared by helm/tenant-node and helm/federation: each chart keeps an identical copy of this file
(ChartFilesTest checks that they are the same), so that either chart installs alone without a
library chart to fetch.

Every service is a Payara Micro uber-jar (images/<service>/Containerfile) listening on 8080, read
by MicroProfile Config from the environment in its env form (patchwork.council.id ->
PATCHWORK_COUNCIL_ID), secrets as files mounted read-only under /var/run/secrets/patchwork or as
secretKeyRefs: never a literal in values or in the rendered manifests.
*/}}

{{- define "patchwork.httpPort" -}}
8080
{{- end }}

{{/* https beside http when a keystore is given: the nodes and the broker call each other here. */}}
{{- define "patchwork.httpsPort" -}}
8443
{{- end }}

{{- define "patchwork.secretsDir" -}}
/var/run/secrets/patchwork
{{- end }}

{{/* dict: root, component */}}
{{- define "patchwork.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "patchwork.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "patchwork.labels" -}}
{{ include "patchwork.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: patchwork-federation
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- with .council }}
patchwork-federation/council: {{ . }}
{{- end }}
{{- end }}

{{/* image: registry, repository, tag or digest (a digest wins: what runs is what was tested). */}}
{{- define "patchwork.image" -}}
{{- $image := .image -}}
{{- $name := printf "%s/%s" $image.registry $image.repository -}}
{{- if $image.digest -}}
{{- if not (regexMatch "^sha256:[0-9a-f]{64}$" $image.digest) -}}
{{- fail (printf "image.digest %q is not sha256:<64 hex digits>" $image.digest) -}}
{{- end -}}
{{- printf "%s@%s" $name $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $name ($image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end }}

{{/* A JDBC URL, with verify-full TLS against the mounted CA when one is given. */}}
{{- define "patchwork.jdbcUrl" -}}
{{- $url := .url -}}
{{- if .caFile -}}
{{- $url = printf "%s%ssslmode=verify-full&sslrootcert=%s" $url (ternary "&" "?" (contains "?" $url)) .caFile -}}
{{- end -}}
{{- $url -}}
{{- end }}

{{/*
A projected volume of secret files: items is a list of dicts (secret, key, path). Mode 0440:
root owns the files, the pod's fsGroup reads them.
*/}}
{{- define "patchwork.secretVolume" -}}
- name: secrets
  projected:
    defaultMode: 0440
    sources:
      {{- range .items }}
      - secret:
          name: {{ .secret }}
          items:
            - key: {{ .key }}
              path: {{ .path }}
      {{- end }}
{{- end }}

{{/*
The pod template of a Payara Micro service.
dict: root, component, council (optional), values (the service's values: image, resources,
jvmOptions, probes, preStopSeconds, terminationGracePeriodSeconds, topologySpread, podAnnotations),
env (rendered YAML list), secretItems (list for patchwork.secretVolume)
*/}}
{{- define "patchwork.podTemplate" -}}
{{- $v := .values -}}
{{- $tls := $v.tls | default dict -}}
{{- $keystore := $tls.keystore | default dict -}}
{{- $trusted := $tls.trustedCertificates | default dict -}}
{{- $items := .secretItems | default list -}}
{{- if $keystore.existingSecret -}}
{{- $items = append $items (dict "secret" $keystore.existingSecret "key" $keystore.key "path" "tls-keystore.p12") -}}
{{- end -}}
{{- if $trusted.existingSecret -}}
{{- $items = append $items (dict "secret" $trusted.existingSecret "key" $trusted.key "path" "tls-trusted-ca.crt") -}}
{{- end -}}
metadata:
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
  {{- with $v.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  automountServiceAccountToken: false
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  {{- with $v.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    fsGroup: 10001
    seccompProfile:
      type: RuntimeDefault
  {{- if $v.topologySpread }}
  topologySpreadConstraints:
    {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
    - maxSkew: 1
      topologyKey: {{ . }}
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "patchwork.selectorLabels" $ | nindent 10 }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "patchwork.image" (dict "root" .root "image" $v.image) | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      {{- if $keystore.existingSecret }}
      # The image's CMD plus the https listener (images/pre-boot-commands.txt reads its keystore).
      args: ["--port", "{{ include "patchwork.httpPort" . }}", "--sslPort", "{{ include "patchwork.httpsPort" . }}"]
      {{- end }}
      ports:
        - name: http
          containerPort: {{ include "patchwork.httpPort" . }}
          protocol: TCP
        {{- if $keystore.existingSecret }}
        - name: https
          containerPort: {{ include "patchwork.httpsPort" . }}
          protocol: TCP
        {{- end }}
      env:
        # Read by the java launcher itself: heap and metaspace capped so the pod limit holds.
        - name: JDK_JAVA_OPTIONS
          value: {{ $v.jvmOptions | quote }}
        # glibc's per-thread malloc arenas would hold native memory no JVM limit covers.
        - name: MALLOC_ARENA_MAX
          value: "2"
        {{- if $keystore.existingSecret }}
        - name: PATCHWORK_TLS_KEYSTORE
          value: {{ printf "%s/tls-keystore.p12" (include "patchwork.secretsDir" .) | quote }}
        - name: PATCHWORK_TLS_KEY_ALIAS
          value: {{ required "tls.keystore.alias is required (the key's alias in the keystore)" $keystore.alias | quote }}
        - name: PATCHWORK_TLS_KEYSTORE_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ $keystore.passwordSecret | default $keystore.existingSecret }}
              key: {{ $keystore.passwordKey }}
        {{- end }}
        {{- if $trusted.existingSecret }}
        # CA certificates trusted for the calls between nodes and the broker, besides the JDK's.
        - name: PATCHWORK_TLS_TRUSTED_CERTIFICATES
          value: {{ printf "%s/tls-trusted-ca.crt" (include "patchwork.secretsDir" .) | quote }}
        {{- end }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /health/started
          port: http
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: {{ $v.probes.startupFailureThreshold }}
      readinessProbe:
        httpGet:
          path: /health/ready
          port: http
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 3
      livenessProbe:
        httpGet:
          path: /health/live
          port: http
        periodSeconds: 20
        timeoutSeconds: 5
        failureThreshold: 3
      lifecycle:
        # The endpoints controller and the ingress take a few seconds to stop sending traffic
        # after the pod is marked terminating; answering meanwhile drains it.
        preStop:
          sleep:
            seconds: {{ $v.preStopSeconds }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop:
            - ALL
      volumeMounts:
        # Payara Micro unpacks its runtime into the temp dir at every start.
        - name: tmp
          mountPath: /tmp
        {{- if $items }}
        - name: secrets
          mountPath: {{ include "patchwork.secretsDir" . }}
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 512Mi
    {{- if $items }}
    {{- include "patchwork.secretVolume" (dict "items" $items) | nindent 4 }}
    {{- end }}
{{- end }}

{{/* dict: root, component, council, namespace, values (replicas, strategy), pod (podTemplate dict) */}}
{{- define "patchwork.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  replicas: {{ .values.replicas }}
  revisionHistoryLimit: 3
  strategy:
    {{- if eq .values.strategy "Recreate" }}
    # Key rotation: no old pod with the old key runs beside a new one.
    type: Recreate
    {{- else if eq .values.strategy "RollingUpdate" }}
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
    {{- else }}
    {{- fail (printf "strategy is RollingUpdate or Recreate, not %q" .values.strategy) }}
    {{- end }}
  selector:
    matchLabels:
      {{- include "patchwork.selectorLabels" . | nindent 6 }}
  template:
    {{- include "patchwork.podTemplate" .pod | nindent 4 }}
{{- end }}

{{- define "patchwork.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "patchwork.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ include "patchwork.httpPort" . }}
      targetPort: http
      protocol: TCP
    {{- if .https }}
    - name: https
      port: {{ include "patchwork.httpsPort" . }}
      targetPort: https
      protocol: TCP
    {{- end }}
{{- end }}

{{/* dict: root, component, council, namespace, ingress (enabled, className, annotations, host, tls) */}}
{{- define "patchwork.ingress" -}}
{{- $i := .ingress -}}
{{- if not $i.host }}{{ fail (printf "%s: ingress.host is required when the ingress is enabled" .component) }}{{ end -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
  {{- with $i.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $i.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if $i.tls.enabled }}
  tls:
    - hosts:
        - {{ $i.host | quote }}
      # cert-manager fills this Secret when its annotation is set (ingress.annotations).
      secretName: {{ $i.tls.secretName | default (printf "%s-tls" (include "patchwork.fullname" .)) }}
  {{- end }}
  rules:
    - host: {{ $i.host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "patchwork.fullname" . }}
                port:
                  name: http
{{- end }}

{{- define "patchwork.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  # maxUnavailable, not minAvailable: a single replica must not block a node drain for ever.
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "patchwork.selectorLabels" . | nindent 6 }}
{{- end }}

{{- define "patchwork.serviceMonitor" -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
    {{- with .monitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "patchwork.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ .namespace }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ .monitor.interval }}
{{- end }}

{{/*
Egress rules every service needs: DNS. dict: dns (namespace, podLabels)
*/}}
{{- define "patchwork.dnsEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .podLabels | nindent 10 }}
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- end }}

{{/* An egress rule to peers given in values; refuses an empty list (an empty `to` allows all). */}}
{{- define "patchwork.egressTo" -}}
{{- if not .to }}{{ fail (printf "networkPolicy: %s needs at least one peer (ipBlock, namespaceSelector or podSelector), or the policy would cut it off" .what) }}{{ end -}}
- to:
    {{- toYaml .to | nindent 4 }}
  ports:
    {{- range .ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
{{- end }}

{{/* Ingress from the ingress controller and Prometheus. dict: networkPolicy values */}}
{{- define "patchwork.ingressFromControllerAndPrometheus" -}}
- from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .ingressController.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .ingressController.podLabels | nindent 10 }}
    {{- if .prometheus.enabled }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .prometheus.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .prometheus.podLabels | nindent 10 }}
    {{- end }}
  ports:
    - protocol: TCP
      port: {{ include "patchwork.httpPort" . }}
{{- end }}

{{/*
Ingress to the https listener: the ingress controller (backend-protocol HTTPS) and the peers in
tls.allowFrom (the broker's or the nodes' pods when they share the cluster). dict: np, allowFrom
*/}}
{{- define "patchwork.httpsIngress" -}}
- from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .np.ingressController.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .np.ingressController.podLabels | nindent 10 }}
    {{- with .allowFrom }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  ports:
    - protocol: TCP
      port: {{ include "patchwork.httpsPort" . }}
{{- end }}

{{/*
An optional CloudNativePG Cluster and the policy its pods need: the service on 5432, the
operator's status checks on 8000 and 5432, replication between its own instances.
dict: root, component, council, namespace, cnpg (values), clients (selector labels of the service)
*/}}
{{- define "patchwork.cnpgCluster" -}}
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  instances: {{ .cnpg.instances }}
  {{- with .cnpg.imageName }}
  imageName: {{ . }}
  {{- end }}
  bootstrap:
    initdb:
      database: {{ .cnpg.database }}
      owner: {{ .cnpg.owner }}
  storage:
    size: {{ .cnpg.storage.size }}
    {{- with .cnpg.storage.storageClass }}
    storageClass: {{ . }}
    {{- end }}
  {{- with .cnpg.backup }}
  backup:
    {{- toYaml . | nindent 4 }}
  {{- end }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "patchwork.fullname" . }}
  namespace: {{ .namespace }}
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      cnpg.io/cluster: {{ include "patchwork.fullname" . }}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- include "patchwork.selectorLabels" .clients | nindent 14 }}
      ports:
        - protocol: TCP
          port: 5432
    - from:
        - podSelector:
            matchLabels:
              cnpg.io/cluster: {{ include "patchwork.fullname" . }}
      ports:
        - protocol: TCP
          port: 5432
        - protocol: TCP
          port: 8000
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .cnpg.operatorNamespace }}
          podSelector:
            matchLabels:
              app.kubernetes.io/name: cloudnative-pg
      ports:
        - protocol: TCP
          port: 8000
        - protocol: TCP
          port: 5432
{{- end }}
