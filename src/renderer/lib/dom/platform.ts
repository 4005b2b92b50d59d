/** Whether shortcuts should read Cmd instead of Ctrl: the keyboard in front of the user, not the server's OS. */
export function isMacKeyboard(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? navigator.platform ?? navigator.userAgent;
  return /mac|iphone|ipad/i.test(platform);
}
