{{/*
Names, labels and the pod template shared by the three Payara Micro services.
Every service image is <image.repository>/<component>:<image.tag or appVersion>.
*/}}

{{- define "patchwork.httpPort" -}}
8080
{{- end }}

{{- define "patchwork.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "patchwork.councilNamespace" -}}
{{- printf "patchwork-%s" . }}
{{- end }}

{{- define "patchwork.brokerUrl" -}}
{{- printf "http://%s.%s.svc:%s" (include "patchwork.name" (dict "root" . "component" "federation-broker")) .Release.Namespace (include "patchwork.httpPort" .) }}
{{- end }}

{{/* Stable labels a Deployment, Service or NetworkPolicy selects on. */}}
{{- define "patchwork.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "patchwork.labels" -}}
{{ include "patchwork.selectorLabels" . }}
app.kubernetes.io/part-of: patchwork-federation
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- with .council }}
patchwork-federation/council: {{ . }}
{{- end }}
{{- end }}

{{/* Database settings for MicroProfile Config (db.url, db.user, db.password): the URL from
values, the credentials only ever as references to an existing Secret. */}}
{{- define "patchwork.databaseEnv" -}}
- name: DB_URL
  value: {{ .url | quote }}
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .usernameKey | default "username" }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey | default "password" }}
{{- end }}

{{/* The federation matching key, mounted read-only from its Secret: the env entry, the volume
and the mount of a tenant node. Mode 0440: the Secret's files belong to root and the pod's
fsGroup, and the node runs as a member of that group. */}}
{{- define "patchwork.matchingKeyDir" -}}
/var/run/secrets/patchwork/matching-key
{{- end }}

{{- define "patchwork.matchingKeyEnv" -}}
- name: PATCHWORK_FEDERATION_MATCHING_KEY_FILE
  value: {{ printf "%s/%s" (include "patchwork.matchingKeyDir" .) .key | quote }}
{{- end }}

{{- define "patchwork.matchingKeyVolume" -}}
- name: matching-key
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}

{{- define "patchwork.matchingKeyMount" -}}
- name: matching-key
  mountPath: {{ include "patchwork.matchingKeyDir" . }}
  readOnly: true
{{- end }}

{{/*
Pod template for a Payara Micro service.
dict: root, component, council (optional), resources, env (rendered YAML list, optional),
volumes and volumeMounts (rendered YAML lists, optional: secrets a service reads as files)
*/}}
{{- define "patchwork.payaraPodTemplate" -}}
{{- $values := .root.Values -}}
metadata:
  labels:
    {{- include "patchwork.labels" . | nindent 4 }}
spec:
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with $values.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    runAsGroup: 1000
    fsGroup: 1000
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: {{ .component }}
      image: {{ printf "%s/%s:%s" $values.image.repository .component ($values.image.tag | default .root.Chart.AppVersion) | quote }}
      imagePullPolicy: {{ $values.image.pullPolicy | default "IfNotPresent" }}
      ports:
        - name: http
          containerPort: {{ include "patchwork.httpPort" . }}
          protocol: TCP
      env:
        - name: JDK_JAVA_OPTIONS
          value: {{ $values.jvmOptions | quote }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
      # MicroProfile Health on Payara Micro. The startup probe gives a slow first boot room
      # before liveness may restart the container.
      startupProbe:
        httpGet:
          path: /health/started
          port: http
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 36
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
        timeoutSeconds: 3
        failureThreshold: 3
      resources:
        {{- toYaml .resources | nindent 8 }}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop:
            - ALL
      volumeMounts:
        # Payara Micro unpacks itself into the temp dir at every start.
        - name: tmp
          mountPath: /tmp
        {{- with .volumeMounts }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 512Mi
    {{- with .volumes }}
    {{- . | nindent 4 }}
    {{- end }}
{{- end }}
