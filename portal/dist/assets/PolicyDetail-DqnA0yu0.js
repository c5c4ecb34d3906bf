const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/ShareChart-9yG3n0Cp.js","assets/useTranslation-BHcLAHjw.js","assets/jsx-runtime-Wy9s6hX0.js","assets/shim-DunLBOUm.js","assets/BarChart-CRsyKOLr.js","assets/CartesianChart-Dz-aat45.js","assets/index-Bfgpyg1k.js","assets/chunk-YDNE64FV--Sw1qjUD.js","assets/i18n-BgWxpsqd.js","assets/usePageTitle-CUEgSYxO.js","assets/cursor-CZCaa-Du.js","assets/session-DrZIn_qb.js","assets/viewer-BCh4hgTe.js","assets/States-Fx22-PiY.js","assets/format-B5R3HS_1.js","assets/incentive-DFARsnoZ.js","assets/preload-helper-7y9sWmk5.js","assets/Pager-DAfnWMpG.js","assets/localName-OkrEYGri.js","assets/kpiText-C_RFCoPj.js","assets/index-Cx2iJB_S.css","assets/ErrorBarContext-DAlvFDB1.js"])))=>i.map(i=>d[i]);
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-CUEgSYxO.js";import{t as d}from"./viewer-BCh4hgTe.js";import{y as f}from"./index-Bfgpyg1k.js";import{t as p}from"./LazyMarkdown-D-aFZMn-.js";import{n as m,r as h,t as g}from"./States-Fx22-PiY.js";import{t as _}from"./PolicyAudience-C3FAhHc6.js";import{n as v}from"./localName-OkrEYGri.js";import{i as y,t as b}from"./format-B5R3HS_1.js";import{t as x}from"./preload-helper-7y9sWmk5.js";var S=e(t(),1),C={ADDED:`+`,REMOVED:`−`,SAME:` `};function w(e){return e===`ADDED`||e===`REMOVED`?e:`SAME`}function T(e,t=2){let n=e.map(e=>w(e.op)),r=n.map((e,t)=>e===`SAME`?-1:t).filter(e=>e>=0);if(!r.length)return e.map(e=>({kind:`line`,op:`SAME`,text:e.text,sign:` `}));let i=e.map((e,n)=>r.some(e=>Math.abs(e-n)<=t)),a=[],o=0;return e.forEach((e,t)=>{i[t]?(o&&a.push({kind:`fold`,count:o}),o=0,a.push({kind:`line`,op:n[t],text:e.text,sign:C[n[t]]})):o++}),o&&a.push({kind:`fold`,count:o}),a}function E(e){let t=0,n=0;for(let r of e)r.op===`ADDED`?t++:r.op===`REMOVED`&&n++;return{added:t,removed:n}}function D({acknowledgements:e,pending:t},n=`en`){let r=new Set(t.map(e=>e.id)),i=new Map,a=e=>{let t=i.get(e.id);return t||(t={channelID:e.id,channel:v(e,n),acknowledged:0,pending:0,share:0},i.set(e.id,t)),t},o=new Set;for(let t of e)r.has(t.dealer.id)||o.has(t.dealer.id)||(o.add(t.dealer.id),a(t.dealer.channel).acknowledged++);for(let e of t)a(e.channel).pending++;return[...i.values()].map(e=>({...e,share:Math.round(100*e.acknowledged/(e.acknowledged+e.pending))})).sort((e,t)=>e.channel.localeCompare(t.channel))}var O=n(),k=(0,S.lazy)(()=>x(()=>import(`./ShareChart-9yG3n0Cp.js`),__vite__mapDeps([0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]))),A=c(`
  query Policy($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        kind
        title
        body
        version
        acknowledgeVersion
        status
        effectiveFrom
        effectiveTo
        publishedAt
        versionPublishedAt
        publishedByName
        withdrawnAt
        withdrawalNote
        needsAcknowledgement
        acknowledgedAt
        audience {
          ...AudienceFields
        }
        versions {
          id
          version
          title
          effectiveFrom
          effectiveTo
          material
          publishedAt
          publishedByName
        }
      }
    }
  }
`),j=c(`
  query PolicyChanges($id: ID!, $from: Int, $to: Int) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        changes(from: $from, to: $to) {
          from
          to
          titleChanged
          effectiveChanged
          audienceChanged
          lines {
            op
            text
          }
        }
      }
    }
  }
`),M=c(`
  query PolicyDashboard($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        acknowledgedCount
        pendingDealers(first: 100) {
          totalCount
          edges {
            node {
              id
              code
              name
              channel {
                id
                name
                nameZh
              }
            }
          }
        }
        acknowledgements {
          id
          version
          userName
          acknowledgedAt
          dealer {
            id
            name
            channel {
              id
              name
              nameZh
            }
          }
        }
      }
    }
  }
`),N=c(`
  mutation RemindPolicy($id: ID!) {
    remindPolicy(id: $id) {
      id
    }
  }
`),P=c(`
  mutation WithdrawPolicy($id: ID!, $note: String!) {
    withdrawPolicy(id: $id, note: $note) {
      id
      status
      withdrawnAt
      withdrawalNote
    }
  }
`);function F(){let{t:e,i18n:t}=a(),{id:n=``}=i(),[{data:o}]=d(),s=o?.me.role!==`DEALER`,[{data:c,error:v,fetching:x},S]=u({query:A,variables:{id:n}}),C=c?.node?.__typename===`ChannelPolicy`?c.node:null;l(C?.title??e(`policies.title`));let w=()=>S({requestPolicy:`network-only`}),T=(0,O.jsx)(`p`,{className:`back`,children:(0,O.jsxs)(r,{to:`/policies`,children:[`← `,e(`policies.back`)]})});if(x&&!c)return(0,O.jsx)(h,{});if(v&&!c)return(0,O.jsxs)(O.Fragment,{children:[T,(0,O.jsx)(m,{error:v,onRetry:w})]});if(!C)return(0,O.jsxs)(O.Fragment,{children:[T,(0,O.jsx)(g,{children:e(`policies.notFound`)})]});let E=C.status===`WITHDRAWN`;return(0,O.jsxs)(`article`,{"aria-labelledby":`policy-title`,className:`policy`,children:[T,(0,O.jsxs)(`p`,{className:`eyebrow`,children:[e(`policyKind.${C.kind}`),` · `,e(`policies.versionN`,{version:C.version})]}),(0,O.jsx)(`h1`,{id:`policy-title`,children:C.title}),E&&(0,O.jsxs)(`p`,{className:`notice notice-hold`,children:[e(`policies.withdrawnOn`,{time:y(C.withdrawnAt??``,t.language)}),` `,C.withdrawalNote]}),(0,O.jsxs)(`dl`,{className:`facts`,children:[(0,O.jsxs)(`div`,{children:[(0,O.jsx)(`dt`,{children:e(`policies.effective`)}),(0,O.jsx)(`dd`,{children:C.effectiveTo?e(`policies.range`,{from:b(C.effectiveFrom,t.language),to:b(C.effectiveTo,t.language)}):e(`policies.from`,{date:b(C.effectiveFrom,t.language)})})]}),(0,O.jsxs)(`div`,{children:[(0,O.jsx)(`dt`,{children:e(`policies.appliesTo`)}),(0,O.jsx)(`dd`,{children:(0,O.jsx)(_,{audience:C.audience})})]}),(0,O.jsxs)(`div`,{children:[(0,O.jsx)(`dt`,{children:e(`policies.published`)}),(0,O.jsxs)(`dd`,{children:[y(C.versionPublishedAt,t.language),` · `,C.publishedByName]})]})]}),!s&&(0,O.jsx)(`div`,{className:`acknowledgement`,"data-field":`acknowledgement`,children:C.needsAcknowledgement?(0,O.jsxs)(O.Fragment,{children:[(0,O.jsx)(`p`,{className:`badge badge-hold`,children:e(`policies.needsAcknowledgement`)}),(0,O.jsx)(f,{policyID:C.id})]}):C.acknowledgedAt?(0,O.jsx)(`p`,{className:`badge badge-active`,children:e(`policies.acknowledgedAt`,{time:y(C.acknowledgedAt,t.language)})}):null}),s&&!E&&(0,O.jsx)(`p`,{className:`actions-row`,children:(0,O.jsx)(r,{className:`button`,to:`/policies/${encodeURIComponent(C.id)}/amend`,"data-link":`amend`,children:e(`policies.amend`)})}),(0,O.jsxs)(`section`,{"aria-labelledby":`policy-body`,children:[(0,O.jsx)(`h2`,{id:`policy-body`,className:`visually-hidden`,children:e(`policies.body`)}),(0,O.jsx)(p,{source:C.body})]}),s&&(0,O.jsx)(L,{id:C.id,withdrawn:E}),(0,O.jsx)(I,{id:C.id,versions:C.versions}),s&&!E&&(0,O.jsx)(R,{id:C.id})]})}function I({id:e,versions:t}){let{t:n,i18n:r}=a(),i=(0,S.useId)(),o=(0,S.useId)(),[s,c]=(0,S.useState)({from:null,to:null}),l=t.length>1,[{data:d,error:f}]=u({query:j,variables:{id:e,from:s.from,to:s.to},pause:!l}),p=d?.node?.__typename===`ChannelPolicy`?d.node.changes:null,h=p?E(p.lines):null;return(0,O.jsxs)(`section`,{"aria-labelledby":`policy-versions`,children:[(0,O.jsx)(`h2`,{id:`policy-versions`,children:n(`policies.versions`)}),(0,O.jsx)(`ol`,{className:`history versions`,children:[...t].reverse().map(e=>(0,O.jsxs)(`li`,{children:[(0,O.jsx)(`span`,{className:`history-what`,children:n(`policies.versionN`,{version:e.version})}),` `,e.title,` `,e.version>1&&(0,O.jsx)(`span`,{className:`badge`,children:e.material?n(`policies.material`):n(`policies.notMaterial`)}),` `,(0,O.jsx)(`span`,{className:`history-who`,children:e.publishedByName}),` `,(0,O.jsx)(`time`,{dateTime:e.publishedAt,children:y(e.publishedAt,r.language)})]},e.id))}),l&&(0,O.jsxs)(O.Fragment,{children:[(0,O.jsx)(`h3`,{children:n(`policies.changes`)}),(0,O.jsxs)(`div`,{className:`filter`,children:[(0,O.jsx)(`label`,{htmlFor:i,children:n(`policies.compareFrom`)}),(0,O.jsx)(`select`,{id:i,value:s.from??p?.from??``,onChange:e=>c(t=>({...t,from:Number(e.target.value)})),children:t.map(e=>(0,O.jsx)(`option`,{value:e.version,children:n(`policies.versionN`,{version:e.version})},e.id))}),(0,O.jsx)(`label`,{htmlFor:o,children:n(`policies.compareTo`)}),(0,O.jsx)(`select`,{id:o,value:s.to??p?.to??``,onChange:e=>c(t=>({...t,to:Number(e.target.value)})),children:t.map(e=>(0,O.jsx)(`option`,{value:e.version,children:n(`policies.versionN`,{version:e.version})},e.id))})]}),f&&!d&&(0,O.jsx)(m,{error:f}),p&&h&&(0,O.jsxs)(O.Fragment,{children:[(0,O.jsxs)(`p`,{className:`muted`,children:[n(`policies.changeCounts`,{added:h.added,removed:h.removed}),p.titleChanged&&(0,O.jsxs)(O.Fragment,{children:[` · `,n(`policies.titleChanged`)]}),p.effectiveChanged&&(0,O.jsxs)(O.Fragment,{children:[` · `,n(`policies.effectiveChanged`)]}),p.audienceChanged&&(0,O.jsxs)(O.Fragment,{children:[` · `,n(`policies.audienceChanged`)]})]}),(0,O.jsx)(`ol`,{className:`changes`,"aria-label":n(`policies.changes`),children:T(p.lines).map((e,t)=>e.kind===`fold`?(0,O.jsx)(`li`,{className:`change-fold`,children:n(`policies.unchangedLines`,{count:e.count})},t):(0,O.jsxs)(`li`,{className:`change change-${e.op.toLowerCase()}`,children:[(0,O.jsx)(`span`,{className:`change-sign`,"aria-hidden":`true`,children:e.sign}),e.op!==`SAME`&&(0,O.jsx)(`span`,{className:`visually-hidden`,children:n(`policies.op.${e.op}`)}),(0,O.jsx)(`span`,{className:`change-text`,children:e.text||` `})]},t))})]})]})]})}function L({id:e,withdrawn:t}){let{t:n,i18n:i}=a(),[{data:c,error:l},d]=u({query:M,variables:{id:e}}),[f,p]=s(N),[h,_]=(0,S.useState)(!1),y=c?.node?.__typename===`ChannelPolicy`?c.node:null;if(l&&!c)return(0,O.jsx)(m,{error:l,onRetry:()=>d({requestPolicy:`network-only`})});if(!y)return null;let b=(y.pendingDealers?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),x=D({acknowledgements:y.acknowledgements??[],pending:b},i.language),C=y.pendingDealers?.totalCount??0;return(0,O.jsxs)(`section`,{"aria-labelledby":`policy-dashboard`,className:`policy-dashboard`,children:[(0,O.jsx)(`h2`,{id:`policy-dashboard`,children:n(`policies.dashboard`)}),(0,O.jsxs)(`p`,{children:[n(`policies.acknowledgedBy`,{count:y.acknowledgedCount??0}),` ·`,` `,n(`policies.pendingCount`,{count:C})]}),x.length>0&&(0,O.jsxs)(`figure`,{className:`chart`,"aria-labelledby":`policy-share-title`,children:[(0,O.jsx)(`figcaption`,{id:`policy-share-title`,children:n(`policies.shareByChannel`)}),(0,O.jsx)(S.Suspense,{fallback:null,children:(0,O.jsx)(k,{rows:x})}),(0,O.jsxs)(`table`,{className:`table share-table`,children:[(0,O.jsx)(`thead`,{children:(0,O.jsxs)(`tr`,{children:[(0,O.jsx)(`th`,{scope:`col`,children:n(`policies.channel`)}),(0,O.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.acknowledged`)}),(0,O.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.pending`)}),(0,O.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.share`)})]})}),(0,O.jsx)(`tbody`,{children:x.map(e=>(0,O.jsxs)(`tr`,{children:[(0,O.jsx)(`th`,{scope:`row`,"data-label":n(`policies.channel`),children:e.channel}),(0,O.jsx)(`td`,{"data-label":n(`policies.acknowledged`),className:`num`,children:e.acknowledged}),(0,O.jsx)(`td`,{"data-label":n(`policies.pending`),className:`num`,children:e.pending}),(0,O.jsxs)(`td`,{"data-label":n(`policies.share`),className:`num`,children:[e.share,`%`]})]},e.channelID))})]})]}),(0,O.jsx)(`h3`,{children:n(`policies.pendingDealers`)}),!t&&C>0&&(0,O.jsxs)(`p`,{className:`actions-row`,children:[(0,O.jsx)(`button`,{type:`button`,className:`button`,"data-action":`remind`,disabled:f.fetching,onClick:async()=>{let t=await p({id:e});_(!t.error)},children:n(`policies.remind`)}),(0,O.jsx)(`span`,{role:`status`,className:`muted`,children:h?n(`policies.reminded`):``}),f.error&&(0,O.jsx)(`span`,{className:`field-error`,children:o(n,f.error)})]}),b.length?(0,O.jsx)(`ul`,{className:`links pending-dealers`,children:b.map(e=>(0,O.jsxs)(`li`,{"data-dealer":e.name,children:[(0,O.jsx)(r,{to:`/dealers/${encodeURIComponent(e.id)}`,children:e.name}),` `,(0,O.jsx)(`span`,{className:`muted mono`,children:e.code}),` `,(0,O.jsx)(`span`,{className:`muted`,children:v(e.channel,i.language)})]},e.id))}):(0,O.jsx)(g,{children:n(`policies.nonePending`)}),C>b.length&&(0,O.jsx)(`p`,{className:`muted`,children:n(`policies.morePending`,{count:C-b.length})}),(0,O.jsx)(`p`,{children:(0,O.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`refresh`,onClick:()=>d({requestPolicy:`network-only`}),children:n(`policies.refresh`)})})]})}function R({id:e}){let{t}=a(),n=(0,S.useId)(),[r,i]=(0,S.useState)(!1),[c,l]=(0,S.useState)(``),[{fetching:u,error:d},f]=s(P);return r?(0,O.jsxs)(`form`,{className:`form withdraw-form`,onSubmit:async t=>{t.preventDefault(),(await f({id:e,note:c})).error||i(!1)},children:[(0,O.jsxs)(`div`,{className:`field`,children:[(0,O.jsx)(`label`,{htmlFor:n,children:t(`policies.withdrawNote`)}),(0,O.jsx)(`textarea`,{id:n,value:c,onChange:e=>l(e.target.value),rows:3,required:!0})]}),d&&(0,O.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(t,d)}),(0,O.jsxs)(`p`,{className:`actions-row`,children:[(0,O.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:u,children:t(`policies.withdrawConfirm`)}),(0,O.jsx)(`button`,{type:`button`,className:`button button-quiet`,onClick:()=>i(!1),children:t(`policies.cancel`)})]})]}):(0,O.jsx)(`p`,{children:(0,O.jsx)(`button`,{type:`button`,className:`button`,"data-action":`withdraw`,onClick:()=>i(!0),children:t(`policies.withdraw`)})})}export{j as PolicyChangesQuery,M as PolicyDashboardQuery,F as PolicyDetail,A as PolicyQuery,N as RemindPolicyMutation,P as WithdrawPolicyMutation};