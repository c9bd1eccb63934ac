/**
 * What a gateway accepts, stated without I/O: {@link dev.aigw.core.profile.GatewayProfile} (from
 * {@link dev.aigw.core.AiClient#profile()}) with its {@link dev.aigw.core.profile.ModelCatalog
 * models}, {@link dev.aigw.core.profile.ImageProfile image}, {@link
 * dev.aigw.core.profile.ChatProfile chat} and {@link dev.aigw.core.profile.VideoProfile video}
 * vocabularies, and {@link dev.aigw.core.profile.CheckResult}, the answer of {@link
 * dev.aigw.core.AiClient#check(dev.aigw.core.image.ImageRequest)}: every reason the gateway
 * would refuse a request, found by the very checks the client runs before sending.
 */
package dev.aigw.core.profile;
