<<<<<<<< HEAD:portal/dist/assets/Messages-Dd0_LRXS.js
<<<<<<<< HEAD:portal/dist/assets/Messages-JZ06V9Ex.js
<<<<<<<< HEAD:portal/dist/assets/Messages-JZ06V9Ex.js
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i,t as a,u as o}from"./usePageTitle-DAO9vmzB.js";import{T as s,t as c}from"./index-CS_ktoIt.js";import{n as l,r as u,t as d}from"./States-Boo_6AO7.js";import{i as f}from"./format-B5R3HS_1.js";var p=e(t(),1),m=i(`
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i,t as a,u as o}from"./usePageTitle-DxisNDw5.js";import{T as s,t as c}from"./index-BwTgwKTy.js";import{n as l,r as u,t as d}from"./States-qEoIlvf_.js";import{i as f}from"./format-B5R3HS_1.js";var p=e(t(),1),m=i(`
>>>>>>>> amend:portal/dist/assets/Messages-mSPHkyxU.js
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i,t as a,u as o}from"./usePageTitle-adjpLsNY.js";import{F as s,t as c}from"./index-B6GQOML3.js";import{n as l,r as u,t as d}from"./States-DrzFilV2.js";import{i as f}from"./format-B5R3HS_1.js";var p=e(t(),1),m=i(`
>>>>>>>> users:portal/dist/assets/Messages-Dd0_LRXS.js
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i,t as a,u as o}from"./usePageTitle-CVG1H5E-.js";import{T as s,t as c}from"./index-Bn54F1oY.js";import{n as l,r as u,t as d}from"./States-rwHKeF41.js";import{i as f}from"./format-B5R3HS_1.js";var p=e(t(),1),m=i(`
>>>>>>>> stock:portal/dist/assets/Messages-DlaJpJep.js
  query OutboundMessages($channel: OutboundChannel, $status: OutboundStatus) {
    emailEnabled
    outboundMessages(channel: $channel, status: $status, first: 100) {
      channel
      to
      subject
      status
      attempts
      lastError
      createdAt
      lastAttemptAt
      nextAttemptAt
      sentAt
    }
  }
`),h=n(),g=[``,`EMAIL`,`PUSH`],_=[``,`PENDING`,`SENDING`,`SENT`,`FAILED`];function v(){let{t:e,i18n:t}=r();a(e(`outbound.title`));let n=(0,p.useId)(),i=(0,p.useId)(),[{data:v}]=s(),[y,b]=(0,p.useState)(``),[x,S]=(0,p.useState)(``),[{data:C,error:w,fetching:T},E]=o({query:m,variables:{channel:y||null,status:x||null},requestPolicy:`cache-and-network`});if(v&&v.me.role!==`ADMIN`)return(0,h.jsx)(c,{});let D=e=>e?f(e,t.language):`—`,O=C?.outboundMessages??[];return(0,h.jsxs)(`section`,{"aria-labelledby":`outbound-title`,className:`outbound`,children:[(0,h.jsx)(`h1`,{id:`outbound-title`,children:e(`outbound.title`)}),(0,h.jsx)(`p`,{className:`lead`,children:C?.emailEnabled===!1?e(`outbound.noEmail`):e(`outbound.intro`)}),(0,h.jsxs)(`div`,{className:`inline-form`,children:[(0,h.jsx)(`label`,{htmlFor:n,children:e(`outbound.channel`)}),(0,h.jsx)(`select`,{id:n,name:`channel`,value:y,onChange:e=>b(e.target.value),children:g.map(t=>(0,h.jsx)(`option`,{value:t,children:e(t?`outbound.channels.${t}`:`outbound.all`)},t))}),(0,h.jsx)(`label`,{htmlFor:i,children:e(`outbound.status`)}),(0,h.jsx)(`select`,{id:i,name:`status`,value:x,onChange:e=>S(e.target.value),children:_.map(t=>(0,h.jsx)(`option`,{value:t,children:e(t?`outbound.statuses.${t}`:`outbound.all`)},t))})]}),T&&!C?(0,h.jsx)(u,{}):w&&!C?(0,h.jsx)(l,{error:w,onRetry:()=>E({requestPolicy:`network-only`})}):O.length===0?(0,h.jsx)(d,{children:e(`outbound.none`)}):(0,h.jsx)(`div`,{className:`table-scroll`,children:(0,h.jsxs)(`table`,{className:`table outbound-log`,children:[(0,h.jsx)(`thead`,{children:(0,h.jsxs)(`tr`,{children:[(0,h.jsx)(`th`,{scope:`col`,children:e(`outbound.message`)}),(0,h.jsx)(`th`,{scope:`col`,children:e(`outbound.status`)}),(0,h.jsx)(`th`,{scope:`col`,children:e(`outbound.attempts`)}),(0,h.jsx)(`th`,{scope:`col`,children:e(`outbound.times`)})]})}),(0,h.jsx)(`tbody`,{children:O.map((t,n)=>(0,h.jsxs)(`tr`,{"data-status":t.status,"data-channel":t.channel,children:[(0,h.jsxs)(`th`,{scope:`row`,"data-label":e(`outbound.message`),children:[t.subject,(0,h.jsxs)(`div`,{className:`hint`,children:[e(`outbound.channels.${t.channel}`),t.to&&` · ${t.to}`]})]}),(0,h.jsxs)(`td`,{"data-label":e(`outbound.status`),children:[e(`outbound.statuses.${t.status}`),t.lastError&&(0,h.jsx)(`div`,{className:`hint`,children:t.lastError})]}),(0,h.jsx)(`td`,{"data-label":e(`outbound.attempts`),children:t.attempts}),(0,h.jsxs)(`td`,{"data-label":e(`outbound.times`),children:[(0,h.jsxs)(`div`,{children:[e(`outbound.created`),` `,D(t.createdAt)]}),t.sentAt?(0,h.jsxs)(`div`,{children:[e(`outbound.sent`),` `,D(t.sentAt)]}):t.status===`PENDING`&&(0,h.jsxs)(`div`,{children:[e(`outbound.next`),` `,D(t.nextAttemptAt)]})]})]},n))})]})})]})}export{v as Messages};