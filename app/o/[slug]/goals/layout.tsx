export { TRPCLayout as default } from "@/components/trpc/trpc-layout";
